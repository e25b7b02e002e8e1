using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// An element of an application's user interface, in FlaUI's shape: find descendants by condition, read its
/// properties, act on it through typed wrappers (<see cref="AsButton"/>, <see cref="AsTextBox"/>, ...). An element
/// is valid while its widget lives; robots look elements up afresh for each action.
/// </summary>
public sealed class AutomationElement : IEquatable<AutomationElement>
{
    private int? _role;
    private IReadOnlySet<string>? _patterns;

    public AutomationElement(AutomationBase automation, FrameworkAutomationElement framework)
    {
        Automation = automation;
        Framework = framework;
    }

    public AutomationBase Automation { get; }

    /// <summary>The backend's element.</summary>
    public FrameworkAutomationElement Framework { get; }

    /// <summary>The role number (AT-SPI role; a role never changes, so it is read once).</summary>
    public async Task<int> GetRoleAsync(CancellationToken cancellationToken) => _role ??= await Framework.GetRoleAsync(cancellationToken);

    public Task<string> GetNameAsync(CancellationToken cancellationToken) => Framework.GetNameAsync(cancellationToken);

    public Task<string> GetAutomationIdAsync(CancellationToken cancellationToken) => Framework.GetAutomationIdAsync(cancellationToken);

    public Task<StateSet> GetStatesAsync(CancellationToken cancellationToken) => Framework.GetStatesAsync(cancellationToken);

    public Task<Extents> GetBoundsAsync(CancellationToken cancellationToken) => Framework.GetBoundsAsync(cancellationToken);

    /// <summary>The interfaces (patterns) the element implements; they never change, so they are read once.</summary>
    public async Task<IReadOnlySet<string>> GetPatternsAsync(CancellationToken cancellationToken) => _patterns ??= await Framework.GetPatternsAsync(cancellationToken);

    public async Task<IReadOnlyList<AutomationElement>> GetChildrenAsync(CancellationToken cancellationToken) =>
        Wrap(await Framework.GetChildrenAsync(cancellationToken));

    /// <summary>The descendants matching <paramref name="condition"/>, in tree order.</summary>
    public async Task<IReadOnlyList<AutomationElement>> FindAllDescendantsAsync(Condition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);

        // Conditions that find their own candidates (label, geometry) skip listing the whole tree.
        return await condition.SourceAsync(this, cancellationToken)
            ?? await condition.FilterAsync(this, Wrap(await Framework.FindAllAsync(condition.RoleHint, cancellationToken)), cancellationToken);
    }

    /// <summary>The first descendant matching <paramref name="condition"/>, or null.</summary>
    public async Task<AutomationElement?> FindFirstDescendantAsync(Condition condition, CancellationToken cancellationToken) =>
        await FindAllDescendantsAsync(condition, cancellationToken) is [var first, ..] ? first : null;

    /// <summary>The text a person sees: a text widget's content, otherwise the accessible name.</summary>
    public async Task<string> GetTextAsync(CancellationToken cancellationToken) =>
        (_patterns ?? await GetPatternsAsync(cancellationToken)).Contains("Text") ? await Framework.GetTextAsync(cancellationToken) : await GetNameAsync(cancellationToken);

    /// <summary>Runs the named action (for example <c>click</c>), or the first one when no name is given.</summary>
    public async Task InvokeActionAsync(string? preferred, CancellationToken cancellationToken)
    {
        var actions = await Framework.GetActionsAsync(cancellationToken);
        if (actions.Count == 0)
        {
            throw new RobotException($"{await DescribeAsync(cancellationToken)} has no accessible action; click it by position instead.");
        }

        var index = preferred is null ? 0 : actions.ToList().FindIndex(a => string.Equals(a, preferred, StringComparison.OrdinalIgnoreCase));
        await Framework.DoActionAsync(Math.Max(index, 0), cancellationToken);
    }

    /// <summary>Clicks the middle of the element with the mouse (for widgets without an action).</summary>
    public async Task ClickAsync(CancellationToken cancellationToken)
    {
        var bounds = await GetBoundsAsync(cancellationToken);
        await Automation.ClickAsync(bounds.CenterX, bounds.CenterY, cancellationToken);
    }

    public Task<bool> FocusAsync(CancellationToken cancellationToken) => Framework.FocusAsync(cancellationToken);

    public Button AsButton() => new(this);

    public TextBox AsTextBox() => new(this);

    public ComboBox AsComboBox() => new(this);

    public CheckBox AsCheckBox() => new(this);

    public Grid AsGrid() => new(this);

    /// <summary>Role and name for messages, for example <c>push button 'Gem'</c>.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var role = await Framework.GetRoleNameAsync(cancellationToken);
            var name = await GetNameAsync(cancellationToken);
            var id = await GetAutomationIdAsync(cancellationToken);
            return $"{role} '{name}'" + (id.Length > 0 ? $" (id {id})" : "");
        }
        catch (AtSpiException ex) when (!ex.IsTimeout)
        {
            return $"element {Framework.Id} (gone)";
        }
    }

    public bool Equals(AutomationElement? other) => other is not null && other.Framework.Id == Framework.Id;

    public override bool Equals(object? obj) => Equals(obj as AutomationElement);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Framework.Id);

    public override string ToString() => Framework.Id;

    internal AutomationElement Wrap(FrameworkAutomationElement framework) => new(Automation, framework);

    internal List<AutomationElement> Wrap(IReadOnlyList<FrameworkAutomationElement> frameworks) => [.. frameworks.Select(Wrap)];
}
