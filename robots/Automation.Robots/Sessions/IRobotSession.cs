using System.Text.Json.Nodes;
using Automation.Robots.Selectors;
using Automation.Robots.Targets;

namespace Automation.Robots.Sessions;

/// <summary>
/// One robot's live session on a target system. Every element action finds its element afresh through the selector
/// (exactly one match), waits explicitly within <c>timeout</c> for it to be actionable, and reports which candidate
/// matched. Writes are verified by reading back; a mismatch throws <see cref="RobotException"/>.
/// </summary>
public interface IRobotSession : IAsyncDisposable
{
    TargetSystem Target { get; }

    /// <summary>
    /// Signs in through the target's login description with the session's credential, unless the saved state of that
    /// robot account is still signed in; success is proven by the login's success element.
    /// </summary>
    Task<SignIn> SignInAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Goes to <paramref name="address"/>, relative to the target's base address unless absolute.</summary>
    Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="value"/> into a field, leaves the field (so the page may react) and reads it back.</summary>
    Task<ElementMatch> FillAsync(Selector selector, string value, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Chooses an option by its label or value and reads the choice back.</summary>
    Task<ElementMatch> SelectAsync(Selector selector, string option, OptionMatch by, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Checks or unchecks a check box and reads the state back.</summary>
    Task<ElementMatch> CheckAsync(Selector selector, bool isChecked, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ElementMatch> ClickAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The element's visible text (for fields: their value).</summary>
    Task<ElementValue<string>> ReadTextAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A table's body rows as objects keyed by the header texts.</summary>
    Task<ElementValue<JsonArray>> ReadTableAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Waits until the element is in <paramref name="state"/>; for <see cref="ElementState.Hidden"/> no match also counts.</summary>
    Task<ElementMatch?> WaitForAsync(Selector selector, ElementState state, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Clicks the element and waits for the file it downloads, saved to a temporary file the caller then owns.</summary>
    Task<ElementValue<DownloadedFile>> DownloadAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Puts a file into a file input.</summary>
    Task<ElementMatch> UploadAsync(Selector selector, string filePath, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Answers the next dialog (alert, confirm, prompt). With <paramref name="click"/> it clicks that element and waits
    /// for the dialog; without, the answer stays armed for the next step, which fails if the text was not the expected one.
    /// </summary>
    Task<DialogSeen?> HandleDialogAsync(DialogAnswer answer, string? expectedText, Selector? click, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Makes later steps work inside the frame the selector finds; null returns to the main document.</summary>
    Task<ElementMatch?> SwitchFrameAsync(Selector? frame, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Switches to a popup window: one already opened and not yet taken, or the next one (clicking <paramref name="click"/> first when given).</summary>
    Task<string> SwitchToPopupAsync(Selector? click, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Closes the current popup and returns to the window that opened it.</summary>
    Task SwitchBackAsync(CancellationToken cancellationToken);

    /// <summary>A PNG of what the robot sees now.</summary>
    Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken);
}

/// <summary>Which candidate of a selector found the element.</summary>
/// <param name="Selector">The whole selector as text.</param>
/// <param name="Candidate">The candidate that matched exactly one element.</param>
public sealed record ElementMatch(string Selector, string Candidate)
{
    public override string ToString() => $"{Candidate} matched";
}

/// <summary>A value read from an element, and which candidate found it.</summary>
public sealed record ElementValue<T>(ElementMatch Match, T Value);

/// <summary>A downloaded file in a temporary place.</summary>
public sealed record DownloadedFile(string TemporaryPath, string SuggestedFileName);

/// <summary>A dialog the robot answered.</summary>
public sealed record DialogSeen(string Type, string Message, DialogAnswer Answer);

/// <summary>How a session got signed in.</summary>
public enum SignIn
{
    NotNeeded,
    Reused,
    LoggedIn,
}

public enum OptionMatch
{
    Label,
    Value,
}

public enum ElementState
{
    Visible,
    Hidden,
    Enabled,
    Editable,
}

public enum DialogAnswer
{
    Accept,
    Dismiss,
}
