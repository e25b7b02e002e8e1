using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// A test elements must pass (FlaUI's <c>ConditionBase</c>), built with <see cref="ConditionFactory"/>. Conditions
/// filter a whole candidate list at once so the backend can read many elements' properties in one burst of calls.
/// </summary>
public abstract class Condition
{
    /// <summary>Roles every matching element has, when known: the backend then lists only those.</summary>
    internal virtual IReadOnlyCollection<int>? RoleHint => null;

    public Condition And(Condition other) => new AndCondition(this, other);

    public Condition Or(Condition other) => new OrCondition(this, other);

    /// <summary>
    /// The matching descendants of <paramref name="scope"/> found directly, for conditions that know where to look
    /// (a label's relation, a geometry anchor); null when the condition can only filter a listed tree.
    /// </summary>
    internal virtual Task<List<AutomationElement>?> SourceAsync(AutomationElement scope, CancellationToken cancellationToken) =>
        Task.FromResult<List<AutomationElement>?>(null);

    /// <summary>The elements of <paramref name="candidates"/> (descendants of <paramref name="scope"/>) that match, in order.</summary>
    internal abstract Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken);

    /// <summary>Keeps the candidates whose probe holds, asking for all of them at once.</summary>
    private protected static async Task<List<AutomationElement>> WhereAsync(List<AutomationElement> candidates, Func<AutomationElement, Task<bool>> probe)
    {
        var results = await Task.WhenAll(candidates.Select(async c =>
        {
            try
            {
                return await probe(c);
            }
            catch (AtSpiException ex) when (ex.IsGone)
            {
                // The widget went away while we looked: it matches nothing.
                return false;
            }
        }));
        return [.. candidates.Where((_, i) => results[i])];
    }
}

internal sealed class RoleCondition(IReadOnlyCollection<int> roles) : Condition
{
    internal override IReadOnlyCollection<int>? RoleHint => roles;

    internal override Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        WhereAsync(candidates, async c => roles.Contains(await c.GetRoleAsync(cancellationToken)));

    public override string ToString() => "role " + string.Join("|", roles);
}

internal sealed class NameCondition(string name) : Condition
{
    internal override Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        WhereAsync(candidates, async c => string.Equals((await c.GetNameAsync(cancellationToken)).Trim(), name, StringComparison.Ordinal));
}

/// <summary>Elements whose name is the text, or labels showing the text (a label's name can differ from its text).</summary>
internal sealed class TextCondition(string text) : Condition
{
    internal override Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        WhereAsync(candidates, async c =>
        {
            if (string.Equals((await c.GetNameAsync(cancellationToken)).Trim(), text, StringComparison.Ordinal))
            {
                return true;
            }

            return await c.GetRoleAsync(cancellationToken) == AtSpiRole.Label && string.Equals((await c.GetTextAsync(cancellationToken)).Trim(), text, StringComparison.Ordinal);
        });
}

internal sealed class AutomationIdCondition(string id) : Condition
{
    internal override Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        WhereAsync(candidates, async c => string.Equals(await c.GetAutomationIdAsync(cancellationToken), id, StringComparison.Ordinal));
}

internal sealed class StateCondition(AtSpiState state, bool present) : Condition
{
    internal override Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        WhereAsync(candidates, async c => (await c.GetStatesAsync(cancellationToken)).Contains(state) == present);
}

/// <summary>Elements on screen (see <see cref="Geometry.ShownStateAsync"/>).</summary>
internal sealed class ShownCondition : Condition
{
    internal override async Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken)
    {
        var shown = await Geometry.ShownStateAsync(scope, cancellationToken);

        // This is usually the last test of a lookup, on one or two elements: read their role and interfaces in the
        // same burst, since the action that follows needs them.
        var warm = candidates.Count <= 2;
        return await WhereAsync(candidates, async c =>
        {
            var states = c.GetStatesAsync(cancellationToken);
            if (warm)
            {
                await Task.WhenAll(c.GetRoleAsync(cancellationToken), c.GetPatternsAsync(cancellationToken));
            }

            return (await states).Contains(shown);
        });
    }
}

internal sealed class AndCondition(Condition left, Condition right) : Condition
{
    internal override IReadOnlyCollection<int>? RoleHint =>
        left.RoleHint is { } l && right.RoleHint is { } r ? l.Intersect(r).ToList() : left.RoleHint ?? right.RoleHint;

    internal override async Task<List<AutomationElement>?> SourceAsync(AutomationElement scope, CancellationToken cancellationToken)
    {
        if (await left.SourceAsync(scope, cancellationToken) is { } fromLeft)
        {
            return await right.FilterAsync(scope, fromLeft, cancellationToken);
        }

        return await right.SourceAsync(scope, cancellationToken) is { } fromRight ? await left.FilterAsync(scope, fromRight, cancellationToken) : null;
    }

    internal override async Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken) =>
        await right.FilterAsync(scope, await left.FilterAsync(scope, candidates, cancellationToken), cancellationToken);
}

internal sealed class OrCondition(Condition left, Condition right) : Condition
{
    internal override IReadOnlyCollection<int>? RoleHint =>
        left.RoleHint is { } l && right.RoleHint is { } r ? l.Union(r).ToList() : null;

    internal override async Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken)
    {
        var matched = (await left.FilterAsync(scope, candidates, cancellationToken)).Concat(await right.FilterAsync(scope, candidates, cancellationToken)).ToHashSet();
        return [.. candidates.Where(matched.Contains)];
    }
}
