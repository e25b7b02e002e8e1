using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Ui;
using Automation.Robots.Desktop.Evidence;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using ElementState = Automation.Robots.Sessions.ElementState;

namespace Automation.Robots.Desktop.Driver;

/// <summary>
/// A robot session on one desktop application over AT-SPI. Each step finds its element afresh (never a stored object
/// path), in the windows a person could use now; writes are read back; waits poll explicitly within the step's
/// timeout, and every call to the application is bounded by it, so a hung application fails the step in time.
/// </summary>
internal sealed partial class DesktopSession : IRobotSession
{
    private const string NotSupported = "is not supported on desktop targets";

    private readonly DesktopRobotOptions _options;
    private readonly AutomationBase _automation;
    private readonly Ui.Application _application;
    private readonly AutomationElement _root;
    private readonly Credential? _credential;
    private readonly ActionLog _log;
    private AutomationElement? _popup;

    public DesktopSession(DesktopRobotOptions options, TargetSystem target, Credential? credential, AutomationBase automation, Ui.Application application, AutomationElement root, TimeProvider time)
    {
        _options = options;
        Target = target;
        _credential = credential;
        _automation = automation;
        _application = application;
        _root = root;
        _log = new ActionLog(time);
    }

    public TargetSystem Target { get; }

    /// <summary>How many accessibility calls the session has made (for benchmarks).</summary>
    public long CallCount => (_automation as AtSpiAutomation)?.Bus.CallCount ?? 0;

    /// <summary>The application this session drives.</summary>
    public Ui.Application Application => _application;

    public async Task<SignIn> SignInAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Target.Login is null)
        {
            return SignIn.NotNeeded;
        }

        var login = Target.RequireCompleteLogin(_credential);

        var success = new Selector(login.Success.ToList());
        if (await FindQuietlyAsync(success, cancellationToken))
        {
            return SignIn.Reused;
        }

        await FillAsync(new Selector(login.UserName.ToList()), _credential["userName"], timeout, cancellationToken);
        await FillAsync(new Selector(login.Password.ToList()), _credential["password"], timeout, cancellationToken);
        var windowsBefore = await WindowIdsAsync(cancellationToken);
        await ClickAsync(new Selector(login.Submit.ToList()), timeout, cancellationToken);

        // Either the success element shows, or the application answers with a message box (wrong password).
        var deadline = Deadline.In(timeout);
        for (var attempt = 0; ; attempt++)
        {
            if (await FindQuietlyAsync(success, cancellationToken))
            {
                _log.Add("SignIn", success.ToString(), null, null, null, "signed in as " + _credential.Name);
                return SignIn.LoggedIn;
            }

            var dialog = await NewAlertAsync(windowsBefore, alertsOnly: false, cancellationToken);
            if (dialog is not null)
            {
                var seen = await AnswerAsync(dialog, DialogAnswer.Dismiss, deadline, cancellationToken);
                _log.Add("SignIn", success.ToString(), null, null, null, "refused: " + seen.Message);
                throw new RobotException(
                    $"Signing in to '{Target.Name}' as '{_credential.Name}' did not succeed: the application said \"{seen.Message}\". Check the credential in the vault and the target's login selectors.");
            }

            if (deadline.Remaining <= TimeSpan.Zero)
            {
                throw new RobotException(
                    $"Signing in to '{Target.Name}' as '{_credential.Name}' did not succeed: {success} did not appear within {AtSpiBus.Seconds(timeout)} s. Check the credential in the vault and the target's login selectors.");
            }

            await Task.Delay(Retry.Pause(attempt), cancellationToken);
        }
    }

    public Task NavigateAsync(string address, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new RobotException($"Navigate {NotSupported} ('{Target.Name}' is an application, not a web site); use Click on the application's buttons or menus instead.");

    public Task<ElementMatch> FillAsync(Selector selector, string value, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("Fill", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            ArgumentNullException.ThrowIfNull(value);
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            var patterns = element.GetPatternsAsync(ct);
            var secret = await element.GetRoleAsync(ct) == AtSpiRole.PasswordText;
            await patterns;
            var box = element.AsTextBox();
            var before = await box.GetTextAsync(ct);
            await box.SetTextAsync(value, ct);

            // Typed keys arrive asynchronously: read back until the field holds the value or the step's time is up.
            var actual = before;
            var same = await Retry.UntilAsync(async c =>
            {
                actual = await box.GetTextAsync(c);
                return secret ? actual.Length == value.Length : string.Equals(actual, value, StringComparison.Ordinal);
            }, deadline.Remaining, ct);
            _log.Add("Fill", selector.ToString(), match.Candidate, Mask(before, secret), Mask(actual, secret), same ? "ok" : "mismatch");
            if (!same)
            {
                // The values may be personal data: the message gives their lengths, never the text.
                throw new RobotException(
                    $"Fill {match.Candidate}: the field holds a different value after writing ({value.Length} characters written, {actual.Length} read back); the application changed or refused it. Write the value in the form the application keeps.");
            }

            return match;
        });

    public Task<ElementMatch> SelectAsync(Selector selector, string option, OptionMatch by, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("Select", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            // Desktop lists have no hidden option values: label and value are both the item's text.
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            var combo = element.AsComboBox();
            var before = await combo.GetSelectedItemAsync(ct);
            await combo.SelectAsync(option, ct);
            var actual = before;
            var same = await Retry.UntilAsync(async c => (actual = await combo.GetSelectedItemAsync(c)) == option.Trim(), deadline.Remaining, ct);
            _log.Add("Select", selector.ToString(), match.Candidate, before, actual, same ? "ok" : "mismatch");
            return same
                ? match
                : throw new RobotException($"Select '{option}' in {match.Candidate}: the list shows '{actual}' afterwards; the application changed the choice.");
        });

    public Task<ElementMatch> CheckAsync(Selector selector, bool isChecked, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync(isChecked ? "Check" : "Uncheck", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            var box = element.AsCheckBox();
            var before = await box.IsCheckedAsync(ct);
            if (before != isChecked)
            {
                await box.ToggleAsync(ct);
            }

            var same = await Retry.UntilAsync(async c => await box.IsCheckedAsync(c) == isChecked, deadline.Remaining, ct);
            _log.Add(isChecked ? "Check" : "Uncheck", selector.ToString(), match.Candidate, Checked(before), Checked(same ? isChecked : !isChecked), same ? "ok" : "mismatch");
            return same
                ? match
                : throw new RobotException($"{(isChecked ? "Check" : "Uncheck")} {match.Candidate}: the box is {Checked(!isChecked)} afterwards; the application changed it back.");
        });

    public Task<ElementMatch> ClickAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("Click", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            var states = await element.GetStatesAsync(ct);
            if (!states.Contains(AtSpiState.Sensitive) && !states.Contains(AtSpiState.Enabled))
            {
                throw new RobotException($"Click {match.Candidate}: the element is disabled; wait for it to be enabled first (WaitFor Enabled).");
            }

            await element.AsButton().InvokeAsync(ct);
            _log.Add("Click", selector.ToString(), match.Candidate, null, null, "ok");
            return match;
        });

    public Task<ElementValue<string>> ReadTextAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("ReadText", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            var text = await element.GetRoleAsync(ct) == AtSpiRole.ComboBox
                ? await element.AsComboBox().GetSelectedItemAsync(ct)
                : (await element.GetTextAsync(ct)).Trim();
            _log.Add("ReadText", selector.ToString(), match.Candidate, null, text, "ok");
            return new ElementValue<string>(match, text);
        });

    public Task<ElementValue<JsonArray>> ReadTableAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("ReadTable", selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            var (element, match) = await ResolveAsync(selector, deadline, ct);
            if (!(await element.GetPatternsAsync(ct)).Contains("Table"))
            {
                throw new RobotException($"ReadTable {match.Candidate}: {await element.DescribeAsync(ct)} is not a table; select the table or tree view itself (for example {{\"role\": \"table\", \"name\": \"Resultater\"}}).");
            }

            var grid = element.AsGrid();
            var headers = await grid.GetHeadersAsync(ct);
            var rows = new JsonArray();
            foreach (var row in await grid.GetRowsAsync(ct))
            {
                var item = new JsonObject();
                for (var c = 0; c < headers.Count && c < row.Count; c++)
                {
                    item[headers[c]] = row[c];
                }

                rows.Add(item);
            }

            _log.Add("ReadTable", selector.ToString(), match.Candidate, null, $"{rows.Count} rows", "ok");
            return new ElementValue<JsonArray>(match, rows);
        });

    public Task<ElementMatch?> WaitForAsync(Selector selector, ElementState state, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("WaitFor " + state, selector, timeout, cancellationToken, async (deadline, ct) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var found = await FindOneNowAsync(selector, ct);
                var reached = state switch
                {
                    ElementState.Hidden => found is null,
                    ElementState.Visible => found is not null,
                    ElementState.Enabled => found is not null && IsEnabled(await found.Value.Element.GetStatesAsync(ct)),
                    ElementState.Editable => found is not null && await IsEditableAsync(found.Value.Element, ct),
                    _ => throw new RobotException($"WaitFor does not know the state '{state}'."),
                };
                if (reached)
                {
                    _log.Add("WaitFor " + state, selector.ToString(), found?.Match.Candidate, null, null, "ok");
                    return found?.Match;
                }

                if (deadline.Remaining <= TimeSpan.Zero)
                {
                    throw new RobotException(
                        $"{selector} did not become {state.ToString().ToLowerInvariant()} within {AtSpiBus.Seconds(timeout)} s in {_application.Description}{(found is null ? " (no element matched)" : "")}.");
                }

                await Task.Delay(Retry.Pause(attempt), ct);
            }
        });

    public Task<ElementValue<DownloadedFile>> DownloadAsync(Selector selector, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new RobotException($"Download {NotSupported}; the application saves files itself: read them with a file connector.");

    public Task<ElementMatch> UploadAsync(Selector selector, string filePath, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new RobotException($"Upload {NotSupported}; fill the application's file name field with Fill instead.");

    public Task<DialogSeen?> HandleDialogAsync(DialogAnswer answer, string? expectedText, Selector? click, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync<DialogSeen?>("HandleDialog", click, timeout, cancellationToken, async (deadline, ct) =>
        {
            var before = click is null ? [] : await WindowIdsAsync(ct);
            if (click is not null)
            {
                var (element, match) = await ResolveAsync(click, deadline, ct);
                await element.AsButton().InvokeAsync(ct);
                _log.Add("Click", click.ToString(), match.Candidate, null, null, "ok");
            }

            // Without a click only a message box (alert) counts: a form dialog that is already open must not be answered.
            var dialog = await Retry.WhileNullAsync(c => NewAlertAsync(before, alertsOnly: click is null, c), deadline.Remaining, ct)
                ?? throw new RobotException($"No message dialog appeared within {AtSpiBus.Seconds(timeout)} s in {_application.Description}.");
            var seen = await AnswerAsync(dialog, answer, deadline, ct);
            _log.Add("HandleDialog", click?.ToString(), null, seen.Message, answer.ToString(), "ok");
            if (expectedText is not null && !seen.Message.Contains(expectedText, StringComparison.Ordinal))
            {
                throw new RobotException($"The dialog said \"{seen.Message}\", not the expected \"{expectedText}\"; it was answered with {answer}.");
            }

            return seen;
        });

    public Task<ElementMatch?> SwitchFrameAsync(Selector? frame, TimeSpan timeout, CancellationToken cancellationToken) =>
        frame is null ? Task.FromResult<ElementMatch?>(null) : throw new RobotException($"SwitchFrame {NotSupported}: applications have no frames; select elements in the window directly.");

    public Task<string> SwitchToPopupAsync(Selector? click, TimeSpan timeout, CancellationToken cancellationToken) =>
        StepAsync("SwitchToPopup", click, timeout, cancellationToken, async (deadline, ct) =>
        {
            var before = await WindowIdsAsync(ct);
            if (click is not null)
            {
                var (element, _) = await ResolveAsync(click, deadline, ct);
                await element.AsButton().InvokeAsync(ct);
            }

            var window = await Retry.WhileNullAsync(async c =>
                (await Ui.Application.ShowingWindowsAsync(_root, c)).LastOrDefault(w => !before.Contains(w.Framework.Id)), deadline.Remaining, ct)
                ?? throw new RobotException($"No new window of {_application.Description} appeared within {AtSpiBus.Seconds(timeout)} s.");
            _popup = window;
            var title = await window.GetNameAsync(ct);
            _log.Add("SwitchToPopup", click?.ToString(), null, null, title, "ok");
            return title;
        });

    public Task SwitchBackAsync(CancellationToken cancellationToken)
    {
        _popup = null;
        return Task.CompletedTask;
    }

    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await new DisplayCapture(_options.Display).CapturePngAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not RobotException and not OperationCanceledException)
        {
            throw new RobotException($"Could not take a screenshot of display '{_options.Display ?? Environment.GetEnvironmentVariable("DISPLAY")}' for '{Target.Name}': {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_options.CloseLaunchedApplications)
        {
            _application.Close();
        }

        _application.Dispose();
        _automation.Dispose();
        return ValueTask.CompletedTask;
    }

    // GTK 4 sets only SENSITIVE, GTK 3 both; a disabled widget has neither.
    private static bool IsEnabled(StateSet states) => states.Contains(AtSpiState.Enabled) || states.Contains(AtSpiState.Sensitive);

    private static async Task<bool> IsEditableAsync(AutomationElement element, CancellationToken cancellationToken)
    {
        var states = await element.GetStatesAsync(cancellationToken);
        return IsEnabled(states) && (states.Contains(AtSpiState.Editable) || await element.GetRoleAsync(cancellationToken) == AtSpiRole.ComboBox || await element.GetRoleAsync(cancellationToken) == AtSpiRole.CheckBox);
    }

    private static string Checked(bool value) => value ? "checked" : "unchecked";

    private static string Mask(string value, bool secret) => secret ? new string('•', value.Length) : value;

    /// <summary>
    /// Runs one step: the step's timeout also bounds every call to the application, and an application that stopped
    /// answering fails the step with a message naming the step, the application and the wait.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The step body comes last so each step reads top to bottom.")]
    private async Task<T> StepAsync<T>(string action, Selector? selector, TimeSpan timeout, CancellationToken cancellationToken, Func<Deadline, CancellationToken, Task<T>> body)
    {
        var deadline = Deadline.In(timeout);
        _automation.CallTimeout = timeout < _options.CallTimeout ? (timeout > TimeSpan.FromMilliseconds(200) ? timeout : TimeSpan.FromMilliseconds(200)) : _options.CallTimeout;
        try
        {
            return await body(deadline, cancellationToken);
        }
        catch (AtSpiException ex) when (ex.IsTimeout)
        {
            _log.Add(action, selector?.ToString(), null, null, null, "failed: " + ex.Message);
            throw new RobotException($"{action}{(selector is null ? "" : " " + selector)} on '{Target.Name}' failed: {ex.Message}", ex);
        }
        catch (AtSpiException ex) when (ex.IsGone && _application.HasExited)
        {
            _log.Add(action, selector?.ToString(), null, null, null, "failed: the application exited");
            throw new RobotException($"{action}{(selector is null ? "" : " " + selector)} on '{Target.Name}' failed: the {_application.Description} has exited. Open the target again.", ex);
        }
        catch (RobotException ex)
        {
            _log.Add(action, selector?.ToString(), null, null, null, "failed: " + ex.Message);
            throw;
        }
        catch (SelectorException ex)
        {
            _log.Add(action, selector?.ToString(), null, null, null, "failed: " + ex.Message);
            throw;
        }
    }

    private async Task<bool> FindQuietlyAsync(Selector selector, CancellationToken cancellationToken)
    {
        try
        {
            return await FindOneNowAsync(selector, cancellationToken) is not null;
        }
        catch (RobotException ex) when (ex is not AtSpiException { IsTimeout: true })
        {
            return false;
        }
    }

    private async Task<HashSet<string>> WindowIdsAsync(CancellationToken cancellationToken) =>
        [.. (await Ui.Application.ShowingWindowsAsync(_root, cancellationToken)).Select(w => w.Framework.Id)];

    /// <summary>A showing message box (alert role, or a modal dialog) that was not open before; null when there is none.</summary>
    private async Task<AutomationElement?> NewAlertAsync(HashSet<string> before, bool alertsOnly, CancellationToken cancellationToken)
    {
        var windows = await Ui.Application.ShowingWindowsAsync(_root, cancellationToken);
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            var window = windows[i];
            if (before.Contains(window.Framework.Id))
            {
                continue;
            }

            var role = await window.GetRoleAsync(cancellationToken);
            if (role == AtSpiRole.Alert || (!alertsOnly && role == AtSpiRole.Dialog && (await window.GetStatesAsync(cancellationToken)).Contains(AtSpiState.Modal)))
            {
                return window;
            }
        }

        return null;
    }

    /// <summary>Reads a message box's text, presses the button for the answer and waits for the box to close.</summary>
    private async Task<DialogSeen> AnswerAsync(AutomationElement dialog, DialogAnswer answer, Deadline deadline, CancellationToken cancellationToken)
    {
        var conditions = _automation.ConditionFactory;
        var labels = await dialog.FindAllDescendantsAsync(conditions.ByRole(AtSpiRole.Label).And(conditions.IsShown()), cancellationToken);
        var texts = (await Task.WhenAll(labels.Select(l => l.GetTextAsync(cancellationToken)))).Select(t => t.Trim()).Where(t => t.Length > 0);
        var message = string.Join(" ", texts);
        var buttons = await dialog.FindAllDescendantsAsync(conditions.ByRole(AtSpiRole.PushButton).And(conditions.IsShown()), cancellationToken);
        var names = await Task.WhenAll(buttons.Select(b => b.GetNameAsync(cancellationToken)));
        string[] accept = ["OK", "Ok", "Ja", "Yes", "Gem", "Save", "Fortsæt", "Continue"];
        string[] dismiss = ["Annuller", "Cancel", "Nej", "No", "Luk", "Close", "Afbryd"];
        var wanted = answer == DialogAnswer.Accept ? accept : dismiss;
        var index = Array.FindIndex(names, n => wanted.Contains(n.Replace("_", "", StringComparison.Ordinal).Trim()));
        if (index < 0 && buttons.Count == 1)
        {
            // A box with one button (OK) is answered by it either way.
            index = 0;
        }

        if (index < 0)
        {
            throw new RobotException($"The dialog \"{message}\" has no button to {answer.ToString().ToLowerInvariant()} it with (buttons: {string.Join(", ", names.Select(n => "'" + n + "'"))}).");
        }

        await buttons[index].AsButton().InvokeAsync(cancellationToken);
        var id = dialog.Framework.Id;
        var closed = await Retry.UntilAsync(async c => !(await WindowIdsAsync(c)).Contains(id), deadline.Remaining > TimeSpan.Zero ? deadline.Remaining : TimeSpan.FromSeconds(1), cancellationToken);
        if (!closed)
        {
            throw new RobotException($"The dialog \"{message}\" stayed open after pressing '{names[index]}'.");
        }

        var type = await dialog.GetRoleAsync(cancellationToken) == AtSpiRole.Alert ? "alert" : "dialog";
        return new DialogSeen(type, message, answer);
    }
}
