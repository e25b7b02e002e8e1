using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Automation.Engine.Credentials;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Playwright;
using ElementState = Automation.Robots.Sessions.ElementState;

namespace Automation.Robots.Web.Driver;

/// <summary>
/// A robot session in one Chromium browser context. Steps work in the current page and frame; elements are looked
/// up afresh for each step through their selector; waits are Playwright's event-driven ones, bounded by the step's
/// timeout. Dialogs are answered only as armed by HandleDialog; any other dialog is dismissed and fails the next step.
/// </summary>
internal sealed partial class PlaywrightSession : IRobotSession
{
    private readonly PlaywrightDriver _driver;
    private readonly Credential? _credential;
    private readonly string? _account;
    private readonly bool _hasSavedState;
    private readonly IBrowserContext _context;
    private readonly Channel<IPage> _popups = Channel.CreateUnbounded<IPage>();
    private readonly Stack<IPage> _openers = new();
    private readonly Lock _dialogLock = new();
    private IPage _page;
    private IFrame _frame;
    private ArmedDialog? _armed;
    private string? _dialogFailure;

    public PlaywrightSession(PlaywrightDriver driver, TargetSystem target, Credential? credential, string? account, bool hasSavedState, IBrowserContext context, IPage page)
    {
        _driver = driver;
        Target = target;
        _credential = credential;
        _account = account;
        _hasSavedState = hasSavedState;
        _context = context;
        _page = page;
        _frame = page.MainFrame;
        Watch(page);
        _context.Page += (_, popup) =>
        {
            Watch(popup);
            _popups.Writer.TryWrite(popup);
        };
    }

    public TargetSystem Target { get; }

    public async Task<SignIn> SignInAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Target.Login is null)
        {
            return SignIn.NotNeeded;
        }

        var login = Target.RequireCompleteLogin(_credential);

        var success = new Selector(login.Success.ToList());
        if (_hasSavedState)
        {
            // The account signed in before: its start page shows the success element unless the sign-in expired.
            await NavigateAsync("", timeout, cancellationToken).ConfigureAwait(false);
            if (await FindNowAsync(success).ConfigureAwait(false))
            {
                return SignIn.Reused;
            }
        }

        await NavigateAsync(login.Path, timeout, cancellationToken).ConfigureAwait(false);

        await FillAsync(new Selector(login.UserName.ToList()), _credential["userName"], timeout, cancellationToken).ConfigureAwait(false);
        await FillAsync(new Selector(login.Password.ToList()), _credential["password"], timeout, cancellationToken).ConfigureAwait(false);
        await ClickAsync(new Selector(login.Submit.ToList()), timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            await ResolveAsync(success, Deadline.In(timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (RobotException ex)
        {
            if (_account is not null)
            {
                _driver.ForgetState(_account);
            }

            throw new RobotException($"Signing in to '{Target.Name}' as '{_credential.Name}' did not succeed: {ex.Message} Check the credential in the vault and the target's login selectors.", ex);
        }

        if (_account is not null)
        {
            _driver.SaveState(_account, await Guard("Saving the sign-in", () => _context.StorageStateAsync()).ConfigureAwait(false));
        }

        return SignIn.LoggedIn;
    }

    public async Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowDialogFailure();
        var url = Resolve(address);
        var response = await Guard($"Navigate to {url}", () => _page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = Ms(timeout) })).ConfigureAwait(false);
        _frame = _page.MainFrame;
        if (response is { Ok: false })
        {
            throw new RobotException($"Navigate to {url} got HTTP {response.Status} {response.StatusText} from '{Target.Name}'.");
        }
    }

    public async Task<ElementMatch> FillAsync(Selector selector, string value, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var actual = await Guard($"Fill {match.Candidate}", async () =>
        {
            await element.FillAsync(value, new LocatorFillOptions { Timeout = deadline.Ms }).ConfigureAwait(false);

            // Leaving the field lets the page react as it would for a person (formatting, validation on blur).
            await element.BlurAsync(new LocatorBlurOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            return await element.InputValueAsync(new LocatorInputValueOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (!string.Equals(actual, value, StringComparison.Ordinal))
        {
            // The values may be personal data: the message gives their lengths, never the text.
            throw new RobotException(
                $"Fill {match.Candidate}: the field holds a different value after writing ({value.Length} characters written, {actual.Length} read back); the page changed it, for example by reformatting it when the field was left. Write the value in the form the page keeps.");
        }

        return match;
    }

    public async Task<ElementMatch> SelectAsync(Selector selector, string option, OptionMatch by, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var wanted = by == OptionMatch.Label ? new SelectOptionValue { Label = option } : new SelectOptionValue { Value = option };
        var chosen = await Guard($"Select '{option}' in {match.Candidate}", async () =>
        {
            await element.SelectOptionAsync(wanted, new LocatorSelectOptionOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            return await element.EvaluateAsync<string[]>(
                "e => Array.from(e.selectedOptions || []).map(o => o.value + '\\n' + o.label.trim())").ConfigureAwait(false);
        }).ConfigureAwait(false);
        var ok = chosen.Length == 1 && chosen[0].Split('\n') is var parts &&
            string.Equals(by == OptionMatch.Label ? parts[1] : parts[0], option.Trim(), StringComparison.Ordinal);
        if (!ok)
        {
            throw new RobotException($"Select '{option}' in {match.Candidate}: the list shows '{string.Join(", ", chosen.Select(c => c.Split('\n')[^1]))}' afterwards; the page changed the choice.");
        }

        return match;
    }

    public async Task<ElementMatch> CheckAsync(Selector selector, bool isChecked, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var actual = await Guard($"{(isChecked ? "Check" : "Uncheck")} {match.Candidate}", async () =>
        {
            await element.SetCheckedAsync(isChecked, new LocatorSetCheckedOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            return await element.IsCheckedAsync(new LocatorIsCheckedOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (actual != isChecked)
        {
            throw new RobotException($"{(isChecked ? "Check" : "Uncheck")} {match.Candidate}: the box is {(actual ? "checked" : "unchecked")} afterwards; the page changed it back.");
        }

        return match;
    }

    public async Task<ElementMatch> ClickAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        await Guard($"Click {match.Candidate}", () => element.ClickAsync(new LocatorClickOptions { Timeout = deadline.Ms })).ConfigureAwait(false);
        return match;
    }

    public async Task<ElementValue<string>> ReadTextAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var text = await Guard($"Read text of {match.Candidate}", async () =>
        {
            await element.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = deadline.Ms }).ConfigureAwait(false);
            return await element.EvaluateAsync<string>(
                "e => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement) ? e.value : e.innerText").ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new ElementValue<string>(match, text.Trim());
    }

    public async Task<ElementValue<JsonArray>> ReadTableAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var json = await Guard($"Read table {match.Candidate}", () => element.EvaluateAsync<string?>(TableScript)).ConfigureAwait(false)
            ?? throw new RobotException($"Read table: {match.Candidate} found an element that is not a <table>; point the selector at the table itself.");
        return new ElementValue<JsonArray>(match, JsonNode.Parse(json)!.AsArray());
    }

    public async Task<ElementMatch?> WaitForAsync(Selector selector, ElementState state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        if (state == ElementState.Hidden)
        {
            var found = await FindOneNowAsync(selector).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            await Guard($"Wait for {found.Value.Match.Candidate} to be hidden", () => found.Value.Element.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = deadline.Ms })).ConfigureAwait(false);
            return found.Value.Match;
        }

        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        await Guard($"Wait for {match.Candidate} to be {state.ToString().ToLowerInvariant()}", async () =>
        {
            await element.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = deadline.Ms }).ConfigureAwait(false);
            if (state is ElementState.Enabled or ElementState.Editable)
            {
                var handle = await element.ElementHandleAsync(new LocatorElementHandleOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
                var script = state == ElementState.Enabled ? "e => !e.matches(':disabled')" : "e => !e.matches(':disabled') && !e.readOnly";
                await _frame.WaitForFunctionAsync(script, handle, new FrameWaitForFunctionOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return match;
    }

    public async Task<ElementValue<DownloadedFile>> DownloadAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        var file = await Guard($"Download from {match.Candidate}", async () =>
        {
            var download = await _page.RunAndWaitForDownloadAsync(
                () => element.ClickAsync(new LocatorClickOptions { Timeout = deadline.Ms }),
                new PageRunAndWaitForDownloadOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            var failure = await download.FailureAsync().ConfigureAwait(false);
            if (failure is not null)
            {
                throw new RobotException($"Download from {match.Candidate} failed: {failure}.");
            }

            var temporary = Path.Combine(Path.GetTempPath(), $"robot-download-{Guid.NewGuid():N}");
            await download.SaveAsAsync(temporary).ConfigureAwait(false);
            return new DownloadedFile(temporary, download.SuggestedFilename);
        }).ConfigureAwait(false);
        return new ElementValue<DownloadedFile>(match, file);
    }

    public async Task<ElementMatch> UploadAsync(Selector selector, string filePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(selector, deadline, cancellationToken).ConfigureAwait(false);
        await Guard($"Upload into {match.Candidate}", () => element.SetInputFilesAsync(filePath, new LocatorSetInputFilesOptions { Timeout = deadline.Ms })).ConfigureAwait(false);
        return match;
    }

    public async Task<DialogSeen?> HandleDialogAsync(DialogAnswer answer, string? expectedText, Selector? click, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowDialogFailure();
        var armed = new ArmedDialog(answer, expectedText);
        lock (_dialogLock)
        {
            _armed = armed;
        }

        if (click is null)
        {
            return null;
        }

        var deadline = Deadline.In(timeout);
        await ClickAsync(click, timeout, cancellationToken).ConfigureAwait(false);
        DialogSeen seen;
        try
        {
            seen = await armed.Seen.Task.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_dialogLock)
            {
                _armed = null;
            }

            throw new RobotException($"No dialog appeared within {Seconds(timeout)} after clicking {click}.");
        }

        ThrowDialogFailure();
        return seen;
    }

    public async Task<ElementMatch?> SwitchFrameAsync(Selector? frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowDialogFailure();
        if (frame is null)
        {
            _frame = _page.MainFrame;
            return null;
        }

        var deadline = Deadline.In(timeout);
        var (element, match) = await ResolveAsync(frame, deadline, cancellationToken).ConfigureAwait(false);
        _frame = await Guard($"Switch to frame {match.Candidate}", async () =>
        {
            var handle = await element.ElementHandleAsync(new LocatorElementHandleOptions { Timeout = deadline.Ms }).ConfigureAwait(false);
            return await handle.ContentFrameAsync().ConfigureAwait(false);
        }).ConfigureAwait(false) ?? throw new RobotException($"Switch frame: {match.Candidate} found an element that is not a frame; point the selector at the <iframe>.");
        return match;
    }

    public async Task<string> SwitchToPopupAsync(Selector? click, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline.In(timeout);
        if (click is not null)
        {
            await ClickAsync(click, timeout, cancellationToken).ConfigureAwait(false);
        }

        IPage popup;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(deadline.Remaining);
            try
            {
                popup = await _popups.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RobotException($"No popup window opened within {Seconds(timeout)}{(click is null ? "" : " after clicking " + click)}.");
            }
        }

        await Guard("Wait for the popup to load", () => popup.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = deadline.Ms })).ConfigureAwait(false);
        _openers.Push(_page);
        _page = popup;
        _frame = popup.MainFrame;
        return popup.Url;
    }

    public async Task SwitchBackAsync(CancellationToken cancellationToken)
    {
        if (!_openers.TryPop(out var opener))
        {
            throw new RobotException("Popup back: the robot is not in a popup; use Popup (switch) first.");
        }

        var popup = _page;
        _page = opener;
        _frame = opener.MainFrame;
        if (!popup.IsClosed)
        {
            await Guard("Close the popup", () => popup.CloseAsync()).ConfigureAwait(false);
        }
    }

    public Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken) =>
        Guard("Screenshot", () => _page.ScreenshotAsync(new PageScreenshotOptions { Timeout = 5000 }));

    public async ValueTask DisposeAsync()
    {
        _popups.Writer.TryComplete();
        try
        {
            await _context.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // The browser is gone already (host shutdown); nothing is left to close.
        }
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static float Ms(TimeSpan timeout) => (float)Math.Max(1, timeout.TotalMilliseconds);

    private static async Task<T> Guard<T>(string step, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new RobotException($"{step} failed: {FirstLine(ex.Message)}", ex);
        }
    }

    private static async Task Guard(string step, Func<Task> action) =>
        await Guard(step, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    private Uri Resolve(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        if (Target.BaseUrl is null)
        {
            throw new RobotException($"Target system '{Target.Name}' has no baseUrl, so the relative address '{address}' cannot be opened; set its baseUrl or give a full address.");
        }

        // A base without a trailing slash would drop its last segment when combined.
        var root = Target.BaseUrl.AbsoluteUri.EndsWith('/') ? Target.BaseUrl : new Uri(Target.BaseUrl.AbsoluteUri + "/");
        return new Uri(root, address.TrimStart('/'));
    }

    private void Watch(IPage page) => page.Dialog += (_, dialog) => _ = AnswerAsync(dialog);

    private async Task AnswerAsync(IDialog dialog)
    {
        ArmedDialog? armed;
        lock (_dialogLock)
        {
            armed = _armed;
            _armed = null;
        }

        var answer = armed?.Answer ?? DialogAnswer.Dismiss;
        if (armed is null)
        {
            _dialogFailure = $"An unexpected {dialog.Type} dialog '{dialog.Message}' appeared and was dismissed; add a Handle dialog step before the step that opens it.";
        }
        else if (armed.ExpectedText is not null && !dialog.Message.Contains(armed.ExpectedText, StringComparison.Ordinal))
        {
            answer = DialogAnswer.Dismiss;
            _dialogFailure = $"The {dialog.Type} dialog said '{dialog.Message}', not the expected '{armed.ExpectedText}'; it was dismissed.";
        }

        try
        {
            if (answer == DialogAnswer.Accept)
            {
                await dialog.AcceptAsync().ConfigureAwait(false);
            }
            else
            {
                await dialog.DismissAsync().ConfigureAwait(false);
            }
        }
        catch (PlaywrightException ex)
        {
            _dialogFailure ??= $"The {dialog.Type} dialog '{dialog.Message}' could not be answered: {FirstLine(ex.Message)}";
        }

        armed?.Seen.TrySetResult(new DialogSeen(dialog.Type, dialog.Message, answer));
    }

    private void ThrowDialogFailure()
    {
        var failure = Interlocked.Exchange(ref _dialogFailure, null);
        if (failure is not null)
        {
            throw new RobotException(failure);
        }
    }

    private sealed class ArmedDialog(DialogAnswer answer, string? expectedText)
    {
        public DialogAnswer Answer { get; } = answer;

        public string? ExpectedText { get; } = expectedText;

        public TaskCompletionSource<DialogSeen> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
