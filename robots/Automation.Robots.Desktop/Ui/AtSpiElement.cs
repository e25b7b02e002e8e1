using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>An element backed by an AT-SPI accessible object.</summary>
internal sealed class AtSpiElement(Accessible accessible) : FrameworkAutomationElement
{
    public Accessible Accessible { get; } = accessible;

    public override string Id => Accessible.Ref.ToString();

    public override string ApplicationKey => Accessible.Ref.BusName;

    public override Task<int> GetRoleAsync(CancellationToken cancellationToken) => Accessible.GetRoleAsync(cancellationToken);

    public override Task<string> GetRoleNameAsync(CancellationToken cancellationToken) => Accessible.GetRoleNameAsync(cancellationToken);

    public override Task<string> GetNameAsync(CancellationToken cancellationToken) => Accessible.GetNameAsync(cancellationToken);

    public override Task<string> GetAutomationIdAsync(CancellationToken cancellationToken) => Accessible.GetAccessibleIdAsync(cancellationToken);

    public override Task<StateSet> GetStatesAsync(CancellationToken cancellationToken) => Accessible.GetStateAsync(cancellationToken);

    public override Task<Extents> GetBoundsAsync(CancellationToken cancellationToken) => Accessible.GetExtentsAsync(cancellationToken);

    public override Task<IReadOnlySet<string>> GetPatternsAsync(CancellationToken cancellationToken) => Accessible.GetInterfacesAsync(cancellationToken);

    public override Task<IReadOnlyDictionary<string, string>> GetAttributesAsync(CancellationToken cancellationToken) => Accessible.GetAttributesAsync(cancellationToken);

    public override async Task<IReadOnlyList<FrameworkAutomationElement>> GetChildrenAsync(CancellationToken cancellationToken) =>
        Wrap(await Accessible.GetChildrenAsync(cancellationToken));

    public override async Task<IReadOnlyList<FrameworkAutomationElement>> FindAllAsync(IReadOnlyCollection<int>? roles, CancellationToken cancellationToken)
    {
        try
        {
            // One call: the application searches its own tree (Collection.GetMatches).
            return Wrap(await Accessible.GetMatchesAsync(roles, cancellationToken));
        }
        catch (AtSpiException ex) when (!ex.IsTimeout && ex.InnerException is Tmds.DBus.Protocol.DBusErrorReplyException)
        {
            // Toolkits without Collection: walk the tree level by level, each level's calls sent together.
            return await WalkAsync(roles, cancellationToken);
        }
    }

    public override async Task<IReadOnlyList<FrameworkAutomationElement>> GetRelatedAsync(AtSpiRelation relation, CancellationToken cancellationToken)
    {
        var relations = await Accessible.GetRelationsAsync(cancellationToken);
        return Wrap(relations.Where(r => r.Is(relation)).SelectMany(r => r.Targets).ToList());
    }

    public override Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken) => Accessible.GetActionsAsync(cancellationToken);

    public override Task<bool> DoActionAsync(int index, CancellationToken cancellationToken) => Accessible.DoActionAsync(index, cancellationToken);

    public override Task<string> GetTextAsync(CancellationToken cancellationToken) => Accessible.GetTextAsync(cancellationToken);

    public override Task<bool> SetTextAsync(string text, CancellationToken cancellationToken) => Accessible.SetTextContentsAsync(text, cancellationToken);

    public override Task<bool> SelectChildAsync(int index, CancellationToken cancellationToken) => Accessible.SelectChildAsync(index, cancellationToken);

    public override Task<bool> FocusAsync(CancellationToken cancellationToken) => Accessible.GrabFocusAsync(cancellationToken);

    public override Task<int> GetRowCountAsync(CancellationToken cancellationToken) => Accessible.GetRowCountAsync(cancellationToken);

    public override Task<int> GetColumnCountAsync(CancellationToken cancellationToken) => Accessible.GetColumnCountAsync(cancellationToken);

    public override async Task<FrameworkAutomationElement?> GetCellAsync(int row, int column, CancellationToken cancellationToken) =>
        Wrap(await Accessible.GetCellAsync(row, column, cancellationToken));

    public override async Task<FrameworkAutomationElement?> GetColumnHeaderAsync(int column, CancellationToken cancellationToken) =>
        Wrap(await Accessible.GetColumnHeaderAsync(column, cancellationToken));

    public override async Task<int> GetProcessIdAsync(CancellationToken cancellationToken) =>
        (int)await Accessible.Bus.GetProcessIdAsync(Accessible.Ref.BusName, cancellationToken);

    public override Task<bool> SetsShowingAsync(CancellationToken cancellationToken) => Accessible.Bus.SetsShowingAsync(Accessible.Ref.BusName, cancellationToken);

    private AtSpiElement? Wrap(AccessibleRef reference) => reference.IsNull ? null : new AtSpiElement(Accessible.At(reference));

    private List<FrameworkAutomationElement> Wrap(IReadOnlyList<AccessibleRef> references) =>
        [.. references.Where(r => !r.IsNull).Select(r => new AtSpiElement(Accessible.At(r)))];

    private async Task<IReadOnlyList<FrameworkAutomationElement>> WalkAsync(IReadOnlyCollection<int>? roles, CancellationToken cancellationToken)
    {
        const int Limit = 5000;
        var found = new List<FrameworkAutomationElement>();
        var level = new List<Accessible> { Accessible };
        var seen = 0;
        while (level.Count > 0 && seen < Limit)
        {
            var children = await Task.WhenAll(level.Select(a => a.GetChildrenAsync(cancellationToken)));
            var next = children.SelectMany(c => c).Where(r => !r.IsNull).Select(Accessible.At).ToList();
            seen += next.Count;
            if (roles is { Count: > 0 })
            {
                var nextRoles = await Task.WhenAll(next.Select(a => a.GetRoleAsync(cancellationToken)));
                found.AddRange(next.Where((_, i) => roles.Contains(nextRoles[i])).Select(a => new AtSpiElement(a)));
            }
            else
            {
                found.AddRange(next.Select(a => new AtSpiElement(a)));
            }

            level = next;
        }

        return found;
    }
}
