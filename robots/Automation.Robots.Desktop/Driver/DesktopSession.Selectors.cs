using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Ui;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;

namespace Automation.Robots.Desktop.Driver;

/// <summary>Finding elements: ordered candidates, exactly one match, looked up afresh in the windows a person could use now.</summary>
internal sealed partial class DesktopSession
{
    /// <summary>The element of the first candidate that matches exactly one showing element, polling until the deadline.</summary>
    private async Task<(AutomationElement Element, ElementMatch Match)> ResolveAsync(Selector selector, Deadline deadline, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await FindOneNowAsync(selector, cancellationToken);
            if (found is not null)
            {
                return found.Value;
            }

            if (deadline.Remaining <= TimeSpan.Zero)
            {
                throw new RobotException(
                    $"No element matched {selector} within {AtSpiBus.Seconds(deadline.Total)} s in {_application.Description} (windows: {await WindowTitlesAsync(cancellationToken)}). Check the candidates against the application, or wait for its window first.");
            }

            await Task.Delay(Retry.Pause(attempt), cancellationToken);
        }
    }

    /// <summary>The match of the first candidate matching exactly one element now; null when none matches.</summary>
    private async Task<(AutomationElement Element, ElementMatch Match)?> FindOneNowAsync(Selector selector, CancellationToken cancellationToken)
    {
        var windows = await ScopeAsync(cancellationToken);
        foreach (var candidate in selector.Candidates)
        {
            var condition = ConditionFor(candidate).And(_automation.ConditionFactory.IsShown());
            var matches = new List<AutomationElement>();
            foreach (var window in windows)
            {
                try
                {
                    matches.AddRange(await window.FindAllDescendantsAsync(condition, cancellationToken));
                }
                catch (AtSpiException ex) when (ex.IsGone)
                {
                    // The window closed while we searched it.
                }
            }

            matches = [.. matches.Distinct()];
            if (matches.Count == 1)
            {
                return (matches[0], new ElementMatch(selector.ToString(), candidate.ToString()));
            }

            if (matches.Count > 1)
            {
                var described = await Task.WhenAll(matches.Take(5).Select(m => m.DescribeAsync(cancellationToken)));
                throw new RobotException(
                    $"The selector candidate {candidate} matches {matches.Count} elements, not one: {string.Join(" | ", described)}{(matches.Count > 5 ? " | ..." : "")}. Make the candidate more specific (add a name, a label or an automation id).");
            }
        }

        return null;
    }

    /// <summary>
    /// The windows a person could use now: the switched-to window, else the top-most modal window when one is
    /// showing (a modal dialog blocks the others), else every showing top-level window of the application.
    /// </summary>
    private async Task<IReadOnlyList<AutomationElement>> ScopeAsync(CancellationToken cancellationToken)
    {
        var windows = await Ui.Application.ShowingWindowsAsync(_root, cancellationToken);
        if (_popup is not null)
        {
            return windows.Contains(_popup) ? [_popup] : throw new RobotException($"The window the session switched to is closed; call SwitchBack first.");
        }

        var states = await Task.WhenAll(windows.Select(w => w.GetStatesAsync(cancellationToken)));
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            if (states[i].Contains(AtSpiState.Modal))
            {
                return [windows[i]];
            }
        }

        return windows;
    }

    private async Task<string> WindowTitlesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var windows = await Ui.Application.ShowingWindowsAsync(_root, cancellationToken);
            var titles = await Task.WhenAll(windows.Select(w => w.GetNameAsync(cancellationToken)));
            return titles.Length == 0 ? "none" : string.Join(", ", titles.Select(t => "'" + t + "'"));
        }
        catch (AtSpiException)
        {
            return "unknown";
        }
    }

    private Condition ConditionFor(SelectorCandidate candidate)
    {
        var conditions = _automation.ConditionFactory;
        switch (candidate.Kind)
        {
            case SelectorKind.Role:
                var roles = RoleNames.Resolve(candidate.Role!);
                var condition = candidate.RightOf is not null ? conditions.RightOf(candidate.RightOf, roles)
                    : candidate.Below is not null ? conditions.Below(candidate.Below, roles)
                    : conditions.ByRole(roles);
                return candidate.Name is null ? condition : condition.And(conditions.ByName(candidate.Name));
            case SelectorKind.Label:
                return conditions.ByLabel(candidate.Label!);
            case SelectorKind.TestId:
                return conditions.ByAutomationId(candidate.TestId!);
            case SelectorKind.Text:
                return conditions.ByText(candidate.Text!);
            case SelectorKind.Css:
                throw new SelectorException($"The selector candidate {candidate} is CSS, which is web only; on desktop targets use role with name, label, testId, text or a rightOf/below anchor.");
            case SelectorKind.XPath:
                throw new SelectorException($"The selector candidate {candidate} is XPath, which desktop targets do not support; use role with name, label, testId, text or a rightOf/below anchor.");
            default:
                throw new SelectorException($"The selector candidate {candidate} is of an unknown kind.");
        }
    }

    /// <summary>A step's time budget, shared by its lookups and actions.</summary>
    private readonly record struct Deadline(long Start, TimeSpan Total)
    {
        public TimeSpan Remaining => Total - System.Diagnostics.Stopwatch.GetElapsedTime(Start);

        public static Deadline In(TimeSpan total) => new(System.Diagnostics.Stopwatch.GetTimestamp(), total);
    }
}
