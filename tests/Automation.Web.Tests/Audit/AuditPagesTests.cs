using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Audit;

/// <summary>An auditor finding a run in the run log, reading its timeline and exporting the filtered set.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class AuditPagesTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Search_ByBusinessKeyOfAnExecutedRun_TimelineShowsStartActivitiesAndFinishWithTheCprMasked()
    {
        // Arrange: a run started through the API; its input holds a CPR number.
        var businessKey = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        var instanceId = await AuditRuns.ExecuteAsync(fixture, businessKey);
        await using var app = await fixture.OpenSignedInAsync("audit-searcher", ["Auditor"], "/audit");

        // Act 1: search by business key.
        await app.Page.GetByLabel("Forretningsnøgle").FillAsync(businessKey);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();

        // Assert 1: the filter is in the address; the run's four records, each with the key; the chain is intact.
        await Assertions.Expect(app.Page).ToHaveURLAsync(new Regex("businessKey=" + businessKey));
        var results = app.Page.GetByRole(AriaRole.Region, new() { Name = "Resultater" });
        await Assertions.Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("instance.started");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(4)).ToContainTextAsync("instance.finished");
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(AuditRuns.WorkflowName);
        await Assertions.Expect(app.Page.GetByTestId("chain-state")).ToHaveTextAsync("Intakt");
        await Assertions.Expect(app.Page.GetByTestId("chain-head")).ToHaveTextAsync(HexHash());
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("audit-search");

        // Act 2: open the run's timeline from the results.
        await results.GetByRole(AriaRole.Link, new() { Name = instanceId }).First.ClickAsync();

        // Assert 2: started, the two activities, finished, in order; values masked; the evidence reference shown.
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kørsel " + instanceId);
        var steps = app.Page.GetByTestId("timeline-step");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync("instance.started");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("record (Log)");
        await Assertions.Expect(steps.Nth(2)).ToContainTextAsync("finish (SetOutput)");
        await Assertions.Expect(steps.Nth(3)).ToContainTextAsync("instance.finished");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("patient ******-****, urgent");
        await Assertions.Expect(steps.Nth(1).Locator("code.audit-evidence")).ToHaveTextAsync(AuditRuns.Evidence);
        await Assertions.Expect(steps.Nth(1).GetByText("ikke gemt her")).ToBeVisibleAsync();
        var text = await app.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain(AuditRuns.Cpr, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditRuns.Cpr.Replace("-", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("audit-timeline");

        // Act 3: back to the search keeps the run's business key as the filter.
        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til søgningen" }).ClickAsync();
        await Assertions.Expect(app.Page.GetByLabel("Forretningsnøgle")).ToHaveValueAsync(businessKey);
    }

    [Fact]
    public async Task Export_SharedAddressWithAFilter_DownloadsCsvWhoseHeaderNamesTheFilterAndTheHeadHash()
    {
        // Arrange: a run, and a shared address that filters on its business key.
        var businessKey = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        await AuditRuns.ExecuteAsync(fixture, businessKey);
        await using var app = await fixture.OpenSignedInAsync("audit-exporter", ["Auditor"], "/audit?businessKey=" + businessKey);
        await Assertions.Expect(app.Page.GetByLabel("Forretningsnøgle")).ToHaveValueAsync(businessKey);
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Region, new() { Name = "Resultater" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(5);

        // Act: the export button downloads the CSV of the current filter.
        var download = await app.Page.RunAndWaitForDownloadAsync(() => app.Page.GetByRole(AriaRole.Link, new() { Name = "Eksportér CSV" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);

        // Assert: header with the filter, export time and chain head; the head hash is the hash of that record; the run's rows, masked.
        Assert.Equal("run-log.csv", download.SuggestedFilename);
        Assert.Equal("# filter: businessKey=" + businessKey, lines[0]);
        Assert.StartsWith("# exported: ", lines[1], StringComparison.Ordinal);
        var head = HeadLine().Match(lines[2]);
        Assert.True(head.Success, "third line should name the chain head: " + lines[2]);
        var record = await app.Context.APIRequest.GetAsync($"/api/audit/events?after={long.Parse(head.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}&limit=1");
        var items = JsonNode.Parse(await record.TextAsync())!["items"]!.AsArray();
        Assert.Equal(head.Groups[2].Value, items[0]!["hash"]!.GetValue<string>());
        var rows = lines.Skip(4).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows, row => Assert.Contains(businessKey, row, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(AuditRuns.Cpr, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("******-****", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_TwoPerPageWithTypeAndTimeFilters_PagesKeepTheFilterAndALaterRangeFindsNothing()
    {
        // Arrange: a run's four records, shown two at a time.
        var businessKey = "AUD-" + Guid.NewGuid().ToString("N")[..8];
        await AuditRuns.ExecuteAsync(fixture, businessKey);
        await using var app = await fixture.OpenSignedInAsync("audit-pager", ["Auditor"], $"/audit?businessKey={businessKey}&size=2");
        var results = app.Page.GetByRole(AriaRole.Region, new() { Name = "Resultater" });
        await Assertions.Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("instance.started");

        // Act 1: next page (with the keyboard).
        await results.GetByRole(AriaRole.Button, new() { Name = "Næste side" }).FocusAsync();
        await app.Page.Keyboard.PressAsync("Enter");

        // Assert 1: the last two records, the filter still in the address.
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("instance.finished");
        await Assertions.Expect(app.Page).ToHaveURLAsync(new Regex($"businessKey={businessKey}.*after=[0-9]+"));

        // Act 2: back to the first page, then only activity executions.
        await results.GetByRole(AriaRole.Button, new() { Name = "Første side" }).ClickAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("instance.started");
        await app.Page.GetByLabel("Hændelsestype").SelectOptionAsync("activity.executed");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();

        // Assert 2: the two activity records, nothing else.
        await Assertions.Expect(app.Page).ToHaveURLAsync(new Regex("type=activity.executed"));
        await Assertions.Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(results.GetByRole(AriaRole.Cell, new() { Name = "activity.executed", Exact = true })).ToHaveCountAsync(2);

        // Act 3: a time range that starts after the run.
        await app.Page.GetByLabel("Fra").FillAsync("2099-01-01T00:00");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();

        // Assert 3: nothing matches, said in words.
        await Assertions.Expect(app.Page).ToHaveURLAsync(new Regex("from=2099-"));
        await Assertions.Expect(results.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ingen poster matcher filteret.");
    }

    [Theory]
    [InlineData("/audit")]
    [InlineData("/audit/runs/any-run")]
    public async Task AuditAddress_OperatorTypesIt_SaysNoAccessAndReadsNothing(string path)
    {
        await using var app = await fixture.OpenSignedInAsync("audit-operator", ["Operator"], path);

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen adgang");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Revision" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(app.Requests, url => url.Contains("/api/audit", StringComparison.Ordinal));
        var api = await app.Context.APIRequest.GetAsync("/api/audit/events");
        Assert.Equal(403, api.Status);
    }

    [Fact]
    public async Task SearchPage_InEnglish_LabelsFiltersAndChainState()
    {
        await using var app = await fixture.OpenSignedInAsync("audit-english", ["Auditor"], "/audit");
        await app.Page.EvaluateAsync("() => localStorage.setItem('automation.language', 'en')");
        await app.Page.ReloadAsync();

        await Assertions.Expect(app.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit");
        await Assertions.Expect(app.Page.GetByLabel("Business key")).ToBeVisibleAsync();
        await Assertions.Expect(app.Page.GetByLabel("Event type")).ToBeVisibleAsync();
        await Assertions.Expect(app.Page.GetByTestId("chain-state")).ToHaveTextAsync("Intact");
        await Assertions.Expect(app.Page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToBeVisibleAsync();
    }

    private static Regex HexHash() => HexHashPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexHashPattern();

    [GeneratedRegex("^# chain head: sequence ([0-9]+), hash ([0-9a-f]{64})$")]
    private static partial Regex HeadLine();
}
