using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>Where a field lies relative to its label, for forms whose fields are labelled only by position.</summary>
public enum Anchor
{
    RightOf,
    Below,
}

/// <summary>
/// The field a label with this text is for: the label's LABEL_FOR relation, or, when the label has none (labelled
/// only by position), the nearest field to its right on the same row, else below it. Never by child index: GtkGrid
/// lists its children in reverse order.
/// </summary>
internal sealed class LabelCondition(string text) : Condition
{
    internal override async Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken)
    {
        var targets = (await SourceAsync(scope, cancellationToken))!.ToHashSet();
        return [.. candidates.Where(targets.Contains)];
    }

    internal override async Task<List<AutomationElement>?> SourceAsync(AutomationElement scope, CancellationToken cancellationToken)
    {
        var labels = await Geometry.LabelsAsync(scope, text, cancellationToken);
        if (labels.Count == 0)
        {
            // Check boxes and radio buttons carry their label as their own name.
            var boxes = scope.Wrap(await scope.Framework.FindAllAsync(Geometry.SelfLabelledRoles, cancellationToken));
            return await new NameCondition(text).FilterAsync(scope, boxes, cancellationToken);
        }

        var targets = new List<AutomationElement>();
        foreach (var label in labels)
        {
            var related = label.Wrap(await label.Framework.GetRelatedAsync(AtSpiRelation.LabelFor, cancellationToken));
            if (related.Count > 0)
            {
                targets.AddRange(related);
                continue;
            }

            var nearest = await Geometry.NearestAsync(scope, label, Anchor.RightOf, Geometry.FieldRoles, cancellationToken)
                ?? await Geometry.NearestAsync(scope, label, Anchor.Below, Geometry.FieldRoles, cancellationToken);
            if (nearest is not null)
            {
                targets.Add(nearest);
            }
        }

        return [.. targets.Distinct()];
    }
}

/// <summary>The nearest element of the given roles right of (or below) the label with this text.</summary>
internal sealed class GeometryCondition(string text, Anchor anchor, IReadOnlyCollection<int> roles) : Condition
{
    internal override IReadOnlyCollection<int>? RoleHint => roles;

    internal override async Task<List<AutomationElement>> FilterAsync(AutomationElement scope, List<AutomationElement> candidates, CancellationToken cancellationToken)
    {
        var targets = (await SourceAsync(scope, cancellationToken))!.ToHashSet();
        return [.. candidates.Where(targets.Contains)];
    }

    internal override async Task<List<AutomationElement>?> SourceAsync(AutomationElement scope, CancellationToken cancellationToken)
    {
        var labels = await Geometry.LabelsAsync(scope, text, cancellationToken);
        var targets = new List<AutomationElement>();
        foreach (var label in labels)
        {
            var nearest = await Geometry.NearestAsync(scope, label, anchor, roles, cancellationToken);
            if (nearest is not null)
            {
                targets.Add(nearest);
            }
        }

        return [.. targets.Distinct()];
    }
}

internal static class Geometry
{
    /// <summary>Fields a label can stand for (buttons label themselves).</summary>
    public static readonly IReadOnlyCollection<int> FieldRoles =
        [AtSpiRole.Entry, AtSpiRole.Text, AtSpiRole.PasswordText, AtSpiRole.SpinButton, AtSpiRole.ComboBox, AtSpiRole.CheckBox, AtSpiRole.RadioButton, AtSpiRole.ToggleButton, AtSpiRole.Switch, AtSpiRole.List, AtSpiRole.ListBox, AtSpiRole.Table, AtSpiRole.TreeTable];

    /// <summary>The state that tells an element is on screen: SHOWING (GTK 3: mapped), or VISIBLE for toolkits that never set SHOWING (GTK 4).</summary>
    public static async Task<AtSpiState> ShownStateAsync(AutomationElement scope, CancellationToken cancellationToken) =>
        await scope.Framework.SetsShowingAsync(cancellationToken) ? AtSpiState.Showing : AtSpiState.Visible;

    /// <summary>Roles whose own name is their label.</summary>
    public static readonly IReadOnlyCollection<int> SelfLabelledRoles = [AtSpiRole.CheckBox, AtSpiRole.RadioButton, AtSpiRole.ToggleButton, AtSpiRole.Switch];

    /// <summary>The showing labels in <paramref name="scope"/> whose text is <paramref name="text"/> (mnemonic underscores ignored).</summary>
    public static async Task<List<AutomationElement>> LabelsAsync(AutomationElement scope, string text, CancellationToken cancellationToken)
    {
        var labels = scope.Wrap(await scope.Framework.FindAllAsync([AtSpiRole.Label], cancellationToken));
        var shown = await ShownStateAsync(scope, cancellationToken);

        // Name and state of every label in one burst of calls.
        var facts = await Task.WhenAll(labels.Select(async l =>
        {
            var name = l.GetNameAsync(cancellationToken);
            var states = l.GetStatesAsync(cancellationToken);
            return string.Equals((await name).Replace("_", "", StringComparison.Ordinal).Trim(), text, StringComparison.Ordinal) && (await states).Contains(shown);
        }));
        return [.. labels.Where((_, i) => facts[i])];
    }

    /// <summary>The showing element of one of <paramref name="roles"/> nearest to <paramref name="label"/> in the anchor's direction.</summary>
    public static async Task<AutomationElement?> NearestAsync(AutomationElement scope, AutomationElement label, Anchor anchor, IReadOnlyCollection<int> roles, CancellationToken cancellationToken)
    {
        var box = await label.GetBoundsAsync(cancellationToken);
        var candidates = scope.Wrap(await scope.Framework.FindAllAsync(roles, cancellationToken));
        var shown = await ShownStateAsync(scope, cancellationToken);
        var facts = await Task.WhenAll(candidates.Select(async c =>
        {
            var states = c.GetStatesAsync(cancellationToken);
            var bounds = c.GetBoundsAsync(cancellationToken);
            return (await states).Contains(shown) ? await bounds : default;
        }));
        AutomationElement? best = null;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < candidates.Count; i++)
        {
            var b = facts[i];
            if (b.IsEmpty)
            {
                continue;
            }

            int distance;
            if (anchor == Anchor.RightOf)
            {
                // Same row: the field's vertical span holds the label's middle.
                var sameRow = b.Y <= box.CenterY && b.Bottom >= box.CenterY;
                distance = sameRow && b.X >= box.Right - 2 ? b.X - box.Right : int.MaxValue;
            }
            else
            {
                var sameColumn = b.X < box.Right && b.Right > box.X;
                distance = sameColumn && b.Y >= box.Bottom - 2 ? b.Y - box.Bottom : int.MaxValue;
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidates[i];
            }
        }

        return best;
    }
}
