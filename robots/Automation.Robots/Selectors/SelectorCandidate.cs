using System.Text;

namespace Automation.Robots.Selectors;

/// <summary>
/// One way to find an element: by accessible role and name, by label, by test id, by visible text, by CSS or by
/// XPath. Exactly one kind is set. Drivers translate it to their own lookup; the text form is what the journal shows.
/// </summary>
public sealed class SelectorCandidate
{
    /// <summary>Accessible role such as <c>button</c>, <c>textbox</c> or <c>link</c>; <see cref="Name"/> narrows it.</summary>
    public string? Role { get; set; }

    /// <summary>Accessible name that goes with <see cref="Role"/> (exact match).</summary>
    public string? Name { get; set; }

    /// <summary>The text of the element's label (exact match).</summary>
    public string? Label { get; set; }

    /// <summary>A test id (<c>data-testid</c> on the web, automation id on the desktop).</summary>
    public string? TestId { get; set; }

    /// <summary>Visible text (exact match).</summary>
    public string? Text { get; set; }

    /// <summary>
    /// Desktop geometry anchor, with <see cref="Role"/>: the nearest element of that role to the right of the label
    /// with this text, on the same row. For forms whose fields are labelled only by position.
    /// </summary>
    public string? RightOf { get; set; }

    /// <summary>Desktop geometry anchor, with <see cref="Role"/>: the nearest element of that role below the label with this text.</summary>
    public string? Below { get; set; }

    /// <summary>A CSS selector (web only).</summary>
    public string? Css { get; set; }

    /// <summary>An XPath expression.</summary>
    public string? XPath { get; set; }

    /// <summary>Which kind of candidate this is; an error naming the allowed forms when none or several are set.</summary>
    public SelectorKind Kind
    {
        get
        {
            var kinds = new List<SelectorKind>(1);
            if (Role is not null)
            {
                kinds.Add(SelectorKind.Role);
            }

            if (Label is not null)
            {
                kinds.Add(SelectorKind.Label);
            }

            if (TestId is not null)
            {
                kinds.Add(SelectorKind.TestId);
            }

            if (Text is not null)
            {
                kinds.Add(SelectorKind.Text);
            }

            if (Css is not null)
            {
                kinds.Add(SelectorKind.Css);
            }

            if (XPath is not null)
            {
                kinds.Add(SelectorKind.XPath);
            }

            if ((RightOf is not null || Below is not null) && Role is null)
            {
                throw new SelectorException($"The selector candidate {this} has a geometry anchor but no role; add \"role\" (for example \"text\") to say what to find next to the label.");
            }

            if (RightOf is not null && Below is not null)
            {
                throw new SelectorException($"The selector candidate {this} sets both rightOf and below; use one anchor.");
            }

            if (Name is not null && Role is null)
            {
                throw new SelectorException($"The selector candidate {this} has a name but no role; add \"role\" (for example \"button\") or use \"text\".");
            }

            return kinds.Count == 1
                ? kinds[0]
                : throw new SelectorException($"The selector candidate {this} must set exactly one of role (with optional name), label, testId, text, css or xpath.");
        }
    }

    /// <summary>The candidate as JSON-like text, for example <c>{role: button, name: "Gem"}</c>.</summary>
    public override string ToString()
    {
        var parts = new StringBuilder("{");
        Append(parts, "role", Role);
        Append(parts, "name", Name);
        Append(parts, "rightOf", RightOf);
        Append(parts, "below", Below);
        Append(parts, "label", Label);
        Append(parts, "testId", TestId);
        Append(parts, "text", Text);
        Append(parts, "css", Css);
        Append(parts, "xpath", XPath);
        return parts.Append('}').ToString();
    }

    private static void Append(StringBuilder parts, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (parts.Length > 1)
        {
            parts.Append(", ");
        }

        parts.Append(name).Append(": \"").Append(value).Append('"');
    }
}

/// <summary>The kinds of selector candidates.</summary>
public enum SelectorKind
{
    Role,
    Label,
    TestId,
    Text,
    Css,
    XPath,
}
