using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// What a backend provides for one element (FlaUI's <c>FrameworkAutomationElementBase</c>). Roles are AT-SPI role
/// numbers and states AT-SPI states; a UI Automation backend maps its control types and properties onto them.
/// </summary>
public abstract class FrameworkAutomationElement
{
    /// <summary>Identifies the element for as long as it lives (AT-SPI: bus name and object path).</summary>
    public abstract string Id { get; }

    /// <summary>The bus name (AT-SPI) or process (UIA) of the element's application.</summary>
    public abstract string ApplicationKey { get; }

    public abstract Task<int> GetRoleAsync(CancellationToken cancellationToken);

    public abstract Task<string> GetRoleNameAsync(CancellationToken cancellationToken);

    public abstract Task<string> GetNameAsync(CancellationToken cancellationToken);

    public abstract Task<string> GetAutomationIdAsync(CancellationToken cancellationToken);

    public abstract Task<StateSet> GetStatesAsync(CancellationToken cancellationToken);

    public abstract Task<Extents> GetBoundsAsync(CancellationToken cancellationToken);

    /// <summary>The interfaces (patterns) the element implements, such as Action, Text, EditableText, Selection, Table.</summary>
    public abstract Task<IReadOnlySet<string>> GetPatternsAsync(CancellationToken cancellationToken);

    public abstract Task<IReadOnlyDictionary<string, string>> GetAttributesAsync(CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<FrameworkAutomationElement>> GetChildrenAsync(CancellationToken cancellationToken);

    /// <summary>All descendants, or those with one of <paramref name="roles"/>, in tree order.</summary>
    public abstract Task<IReadOnlyList<FrameworkAutomationElement>> FindAllAsync(IReadOnlyCollection<int>? roles, CancellationToken cancellationToken);

    /// <summary>The targets of the element's relations of one type (for example the fields a label is for).</summary>
    public abstract Task<IReadOnlyList<FrameworkAutomationElement>> GetRelatedAsync(AtSpiRelation relation, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken);

    public abstract Task<bool> DoActionAsync(int index, CancellationToken cancellationToken);

    public abstract Task<string> GetTextAsync(CancellationToken cancellationToken);

    public abstract Task<bool> SetTextAsync(string text, CancellationToken cancellationToken);

    public abstract Task<bool> SelectChildAsync(int index, CancellationToken cancellationToken);

    public abstract Task<bool> FocusAsync(CancellationToken cancellationToken);

    public abstract Task<int> GetRowCountAsync(CancellationToken cancellationToken);

    public abstract Task<int> GetColumnCountAsync(CancellationToken cancellationToken);

    public abstract Task<FrameworkAutomationElement?> GetCellAsync(int row, int column, CancellationToken cancellationToken);

    public abstract Task<FrameworkAutomationElement?> GetColumnHeaderAsync(int column, CancellationToken cancellationToken);

    public abstract Task<int> GetProcessIdAsync(CancellationToken cancellationToken);

    /// <summary>Whether the element's toolkit sets SHOWING on widgets (GTK 4 does not: VISIBLE stands for it).</summary>
    public abstract Task<bool> SetsShowingAsync(CancellationToken cancellationToken);
}
