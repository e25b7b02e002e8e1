using System.Globalization;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Microsoft.Playwright;

namespace Automation.Robots.Web.Driver;

/// <summary>Finding elements: ordered candidates, exactly one match, waiting on the page instead of sleeping.</summary>
internal sealed partial class PlaywrightSession
{
    private const string TableScript = """
        t => {
          if (!(t instanceof HTMLTableElement)) return null;
          const clean = s => (s ?? '').replace(/\s+/g, ' ').trim();
          const rows = Array.from(t.rows);
          const headerRow = t.tHead && t.tHead.rows.length ? t.tHead.rows[t.tHead.rows.length - 1] : rows.find(r => r.cells.length && Array.from(r.cells).every(c => c.tagName === 'TH'));
          const headers = headerRow ? Array.from(headerRow.cells).map(c => clean(c.innerText)) : [];
          const body = rows.filter(r => r !== headerRow && !(t.tHead && t.tHead.contains(r)) && !(t.tFoot && t.tFoot.contains(r)) && r.cells.length);
          return JSON.stringify(body.map(r => {
            const o = {};
            Array.from(r.cells).forEach((c, i) => { o[headers[i] || ('column' + (i + 1))] = clean(c.innerText); });
            return o;
          }));
        }
        """;

    private const string DescribeScript = "els => els.slice(0, 5).map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 80))";

    /// <summary>
    /// The element of the first candidate that matches exactly one element; a candidate matching several is an
    /// error naming the matches. Waits (on page changes, not a timer) until a candidate matches or the deadline passes.
    /// </summary>
    private async Task<(ILocator Element, ElementMatch Match)> ResolveAsync(Selector selector, Deadline deadline, CancellationToken cancellationToken)
    {
        ThrowDialogFailure();
        var locators = selector.Candidates.Select(LocatorFor).ToList();
        var any = locators.Skip(1).Aggregate(locators[0], (a, b) => a.Or(b)).First;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = await FindOneNowAsync(selector, locators).ConfigureAwait(false);
            if (found is not null)
            {
                return found.Value;
            }

            if (deadline.Remaining <= TimeSpan.Zero)
            {
                throw NotFound(selector, deadline);
            }

            try
            {
                await any.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = deadline.Ms }).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw NotFound(selector, deadline);
            }
            catch (PlaywrightException ex)
            {
                throw new RobotException($"Looking for {selector} failed: {FirstLine(ex.Message)}", ex);
            }
        }
    }

    /// <summary>Whether the selector finds exactly one element right now.</summary>
    private async Task<bool> FindNowAsync(Selector selector)
    {
        try
        {
            return await FindOneNowAsync(selector).ConfigureAwait(false) is not null;
        }
        catch (RobotException)
        {
            return false;
        }
    }

    private Task<(ILocator Element, ElementMatch Match)?> FindOneNowAsync(Selector selector) =>
        FindOneNowAsync(selector, selector.Candidates.Select(LocatorFor).ToList());

    private static async Task<(ILocator Element, ElementMatch Match)?> FindOneNowAsync(Selector selector, List<ILocator> locators)
    {
        for (var i = 0; i < locators.Count; i++)
        {
            int count;
            try
            {
                count = await locators[i].CountAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException ex)
            {
                throw new RobotException($"The selector candidate {selector.Candidates[i]} cannot be used: {FirstLine(ex.Message)}", ex);
            }

            if (count == 1)
            {
                return (locators[i], new ElementMatch(selector.ToString(), selector.Candidates[i].ToString()));
            }

            if (count > 1)
            {
                var matches = await locators[i].EvaluateAllAsync<string[]>(DescribeScript).ConfigureAwait(false);
                throw new RobotException(
                    $"The selector candidate {selector.Candidates[i]} matches {count} elements, not one: {string.Join(" | ", matches)}{(count > matches.Length ? " | ..." : "")}. Make the candidate more specific (add a role name, a label or an id).");
            }
        }

        return null;
    }

    private ILocator LocatorFor(SelectorCandidate candidate) => candidate.RightOf is not null || candidate.Below is not null
        ? throw new SelectorException($"The selector candidate {candidate} uses a geometry anchor (rightOf/below), which only desktop targets support; on a web page use a label, test id or CSS candidate.")
        : candidate.Kind switch
    {
        SelectorKind.Role => _frame.GetByRole(ParseRole(candidate.Role!), new FrameGetByRoleOptions { Name = candidate.Name, Exact = candidate.Name is null ? null : true }),
        SelectorKind.Label => _frame.GetByLabel(candidate.Label!, new FrameGetByLabelOptions { Exact = true }),
        SelectorKind.TestId => _frame.GetByTestId(candidate.TestId!),
        SelectorKind.Text => _frame.GetByText(candidate.Text!, new FrameGetByTextOptions { Exact = true }),
        SelectorKind.Css => _frame.Locator(candidate.Css!),
        SelectorKind.XPath => _frame.Locator("xpath=" + candidate.XPath),
        _ => throw new SelectorException($"The selector candidate {candidate} is of an unknown kind."),
    };

    private static AriaRole ParseRole(string role) =>
        Enum.TryParse<AriaRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new SelectorException($"'{role}' is not an ARIA role; use one such as button, link, textbox, checkbox, combobox, row or cell.");

    private static RobotException NotFound(Selector selector, Deadline deadline) =>
        new($"No element matched {selector} within {deadline.Total.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s. Check the candidates against the page, or wait for the page first.");

    /// <summary>A step's time budget, shared by its lookups and actions.</summary>
    private readonly record struct Deadline(long Start, TimeSpan Total)
    {
        public TimeSpan Remaining => Total - System.Diagnostics.Stopwatch.GetElapsedTime(Start);

        /// <summary>The remaining time in Playwright's milliseconds; at least 1, since 0 means "no timeout" there.</summary>
        public float Ms => (float)Math.Max(1, Remaining.TotalMilliseconds);

        public static Deadline In(TimeSpan total) => new(System.Diagnostics.Stopwatch.GetTimestamp(), total);
    }
}
