using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>Builds conditions (FlaUI's <c>ConditionFactory</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "FlaUI's shape: conditions come from automation.ConditionFactory, so a backend can build its own.")]
public sealed class ConditionFactory
{
    /// <summary>Elements with one of these role numbers (AT-SPI roles, see <see cref="AtSpiRole"/>).</summary>
    public Condition ByRole(params int[] roles) => new RoleCondition(roles);

    /// <summary>Elements whose accessible name is exactly <paramref name="name"/>.</summary>
    public Condition ByName(string name) => new NameCondition(name);

    /// <summary>Elements whose name is <paramref name="text"/>, or labels showing it.</summary>
    public Condition ByText(string text) => new TextCondition(text);

    /// <summary>Elements with this automation id (AT-SPI AccessibleId).</summary>
    public Condition ByAutomationId(string id) => new AutomationIdCondition(id);

    /// <summary>
    /// The field the label with this text is for (LABELLED_BY relation, else by position); without such a label, the
    /// check box or radio button with that name.
    /// </summary>
    public Condition ByLabel(string text) => new LabelCondition(text);

    /// <summary>The nearest element of these roles to the right of the label with this text, on the same row.</summary>
    public Condition RightOf(string labelText, params int[] roles) => new GeometryCondition(labelText, Anchor.RightOf, roles);

    /// <summary>The nearest element of these roles below the label with this text.</summary>
    public Condition Below(string labelText, params int[] roles) => new GeometryCondition(labelText, Anchor.Below, roles);

    /// <summary>Elements on screen: SHOWING, or VISIBLE where the toolkit never sets SHOWING (GTK 4).</summary>
    public Condition IsShown() => new ShownCondition();

    /// <summary>Elements in (or, with <paramref name="present"/> false, not in) the state.</summary>
    public Condition ByState(AtSpiState state, bool present = true) => new StateCondition(state, present);
}
