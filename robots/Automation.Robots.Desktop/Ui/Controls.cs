using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>A push button (FlaUI's <c>Button</c>).</summary>
public sealed class Button(AutomationElement element)
{
    public AutomationElement Element { get; } = element;

    /// <summary>Presses the button through its action (or a mouse click when it has none). Returns before the handler ran.</summary>
    public async Task InvokeAsync(CancellationToken cancellationToken)
    {
        if ((await Element.GetPatternsAsync(cancellationToken)).Contains("Action"))
        {
            await Element.InvokeActionAsync("click", cancellationToken);
        }
        else
        {
            await Element.ClickAsync(cancellationToken);
        }
    }
}

/// <summary>A text field (FlaUI's <c>TextBox</c>).</summary>
public sealed class TextBox(AutomationElement element)
{
    public AutomationElement Element { get; } = element;

    public Task<string> GetTextAsync(CancellationToken cancellationToken) => Element.GetTextAsync(cancellationToken);

    /// <summary>
    /// Replaces the text: through EditableText when the field has it, otherwise by focusing the field, selecting all
    /// and typing. Does not read back; callers verify with <see cref="GetTextAsync"/>.
    /// </summary>
    public async Task SetTextAsync(string value, CancellationToken cancellationToken)
    {
        if ((await Element.GetPatternsAsync(cancellationToken)).Contains("EditableText"))
        {
            await Element.Framework.SetTextAsync(value, cancellationToken);
            return;
        }

        await Element.FocusAsync(cancellationToken);
        await Element.Automation.SelectAllAsync(cancellationToken);
        await Element.Automation.TypeAsync(value, cancellationToken);
    }
}

/// <summary>A drop-down list (FlaUI's <c>ComboBox</c>).</summary>
public sealed class ComboBox(AutomationElement element)
{
    public AutomationElement Element { get; } = element;

    /// <summary>The chosen item's text (GTK names a combo box after its choice).</summary>
    public async Task<string> GetSelectedItemAsync(CancellationToken cancellationToken) => (await Element.GetNameAsync(cancellationToken)).Trim();

    /// <summary>The items' texts in list order.</summary>
    public async Task<IReadOnlyList<string>> GetItemsAsync(CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(cancellationToken);
        return await Task.WhenAll(items.Select(i => i.GetNameAsync(cancellationToken)));
    }

    /// <summary>Chooses the item with this text (Selection.SelectChild); an error listing the items when there is none.</summary>
    public async Task SelectAsync(string text, CancellationToken cancellationToken)
    {
        var names = await GetItemsAsync(cancellationToken);
        var index = names.ToList().FindIndex(n => string.Equals(n.Trim(), text.Trim(), StringComparison.Ordinal));
        if (index < 0)
        {
            throw new RobotException($"{await Element.DescribeAsync(cancellationToken)} has no item '{text}'; its items are: {string.Join(", ", names.Select(n => "'" + n + "'"))}.");
        }

        if (!await Element.Framework.SelectChildAsync(index, cancellationToken))
        {
            throw new RobotException($"{await Element.DescribeAsync(cancellationToken)} refused to choose '{text}'.");
        }
    }

    private async Task<IReadOnlyList<AutomationElement>> ItemsAsync(CancellationToken cancellationToken)
    {
        // GTK 3: the combo box holds one menu whose children are the items; other toolkits list the items directly.
        var children = await Element.GetChildrenAsync(cancellationToken);
        if (children.Count == 1 && await children[0].GetRoleAsync(cancellationToken) is AtSpiRole.Menu or AtSpiRole.List or AtSpiRole.ListBox)
        {
            return await children[0].GetChildrenAsync(cancellationToken);
        }

        return children;
    }
}

/// <summary>A check box (FlaUI's <c>CheckBox</c>).</summary>
public sealed class CheckBox(AutomationElement element)
{
    public AutomationElement Element { get; } = element;

    public async Task<bool> IsCheckedAsync(CancellationToken cancellationToken) => (await Element.GetStatesAsync(cancellationToken)).Contains(AtSpiState.Checked);

    /// <summary>Toggles the box through its action. Returns before the toolkit ran it: poll <see cref="IsCheckedAsync"/>.</summary>
    public Task ToggleAsync(CancellationToken cancellationToken) => Element.InvokeActionAsync("click", cancellationToken);
}

/// <summary>A table or tree view with column headers (FlaUI's <c>Grid</c>).</summary>
public sealed class Grid(AutomationElement element)
{
    public AutomationElement Element { get; } = element;

    /// <summary>The column header texts; <c>columnN</c> for a column without one.</summary>
    public async Task<IReadOnlyList<string>> GetHeadersAsync(CancellationToken cancellationToken)
    {
        var columns = await Element.Framework.GetColumnCountAsync(cancellationToken);
        return await Task.WhenAll(Enumerable.Range(0, columns).Select(async c =>
        {
            var header = await Element.Framework.GetColumnHeaderAsync(c, cancellationToken);
            var text = header is null ? "" : (await header.GetNameAsync(cancellationToken)).Trim();
            return text.Length > 0 ? text : "column" + (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
    }

    /// <summary>The cells' texts, row by row (all cells read at once).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> GetRowsAsync(CancellationToken cancellationToken)
    {
        var rows = await Element.Framework.GetRowCountAsync(cancellationToken);
        var columns = await Element.Framework.GetColumnCountAsync(cancellationToken);
        var cells = await Task.WhenAll(Enumerable.Range(0, rows * columns).Select(async i =>
        {
            var cell = await Element.Framework.GetCellAsync(i / columns, i % columns, cancellationToken);
            return cell is null ? "" : (await Element.Wrap(cell).GetTextAsync(cancellationToken)).Trim();
        }));
        return [.. Enumerable.Range(0, rows).Select(r => (IReadOnlyList<string>)cells.Skip(r * columns).Take(columns).ToList())];
    }
}
