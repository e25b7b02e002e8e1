using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Server.Tests.Definitions;

namespace Automation.Server.Tests.Audit;

/// <summary>Real actions through the API, then what an auditor finds in the run log.</summary>
public sealed partial class AuditApiTests(AuditFixture fx) : IClassFixture<AuditFixture>
{
    [Theory]
    [InlineData("/api/audit/events")]
    [InlineData("/api/audit/runs/any")]
    [InlineData("/api/audit/export.csv")]
    public async Task AuditEndpoints_OperatorOrPlanner_Get403(string path)
    {
        var asOperator = await fx.Operator.GetAsync(path);
        var asPlanner = await fx.Planner.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asPlanner.StatusCode);
    }

    [Fact]
    public async Task SignIn_SuccessAndWrongPassword_AreBothRecorded()
    {
        using var client = fx.Factory.CreateClient();
        await client.PostAsJsonAsync("/api/auth/login", new { userName = "operator", password = "not-the-password" });

        var failed = await EventsAsync("type=auth.sign-in-failed&user=operator");
        var succeeded = await EventsAsync("type=auth.sign-in&user=operator");

        Assert.Equal("Failed", failed[^1]!["outcome"].Text());
        Assert.NotEmpty(succeeded);
    }

    [Fact]
    public async Task ExecuteWithCpr_Timeline_ShowsPublishStartEachActivityAndFinishWithoutTheCpr()
    {
        await Api.PublishAsync(fx.Owner, TestFlows.FiveSteps("audited"));
        var run = await (await Api.ExecuteAsync(fx.Operator, "audited", new { correlationId = "1204871234" }).ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync();
        var id = run["instanceId"].Text();

        var body = await fx.Auditor.GetStringAsync($"/api/audit/runs/{id}");
        var events = JsonNode.Parse(body)!["events"]!.AsArray();
        var published = await EventsAsync("type=definition.published&workflow=audited");

        Assert.Equal("owner", published[^1]!["actor"].Text());
        Assert.Equal("instance.started", events[0]!["type"].Text());
        Assert.Equal("instance.finished", events[^1]!["type"].Text());
        Assert.True(events.Count(e => e!["type"].Text() == "activity.executed") >= 5, body);
        Assert.All(events, e => Assert.Equal("operator", e!["actor"].Text()));
        Assert.DoesNotMatch(Cpr(), body);
    }

    [Fact]
    public async Task FaultRetryAndCancel_AreRecordedWithTheirOutcome()
    {
        await Api.PublishAsync(fx.Owner, TestFlows.FailingRule("audited-fault"));
        await Api.PublishAsync(fx.Owner, TestFlows.WaitsForSignal("audited-wait", "audited-never"));
        var faulted = (await (await Api.ExecuteAsync(fx.Operator, "audited-fault")).ReadObjectAsync())["instanceId"].Text();
        await fx.Operator.PostAsync($"/api/instances/{faulted}/retry", null);
        var waiting = (await (await Api.ExecuteAsync(fx.Operator, "audited-wait").ExpectAsync(HttpStatusCode.Accepted)).ReadObjectAsync())["instanceId"].Text();
        await fx.Operator.PostAsync($"/api/instances/{waiting}/cancel", null).ExpectAsync(HttpStatusCode.OK);

        var faultTypes = (await EventsAsync($"instance={faulted}")).Select(e => e!["type"].Text()).ToList();
        var waitTypes = (await EventsAsync($"instance={waiting}")).Select(e => e!["type"].Text()).ToList();

        Assert.Equal(["instance.started", "activity.executed", "instance.faulted", "instance.retried", "activity.executed", "instance.faulted"], faultTypes);
        Assert.Contains("instance.suspended", waitTypes);
        Assert.Equal("instance.cancelled", waitTypes[^1]);
    }

    [Fact]
    public async Task Search_ByAuditor_IsItselfRecorded()
    {
        await fx.Auditor.GetAsync("/api/audit/events?businessKey=nothing-here").ExpectAsync(HttpStatusCode.OK);

        var reads = await EventsAsync("type=runlog.read&user=auditor");

        Assert.Contains(reads, r => r!["payload"]!["filter"].Text() == "businessKey=nothing-here");
    }

    [Fact]
    public async Task ExportCsv_Filtered_HeaderRecordsFilterTimeAndChainHead()
    {
        await Api.PublishAsync(fx.Owner, TestFlows.FiveSteps("audited-csv"));
        await Api.ExecuteAsync(fx.Operator, "audited-csv", new { correlationId = "0101901234" }).ExpectAsync(HttpStatusCode.OK);

        var csv = await fx.Auditor.GetStringAsync("/api/audit/export.csv?workflow=audited-csv&type=activity.executed");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("# filter: workflow=audited-csv; type=activity.executed", lines[0].TrimEnd('\r'));
        Assert.StartsWith("# exported: ", lines[1], StringComparison.Ordinal);
        Assert.Matches("^# chain head: sequence [0-9]+, hash [0-9a-f]{64}", lines[2]);
        Assert.StartsWith("sequence,timestamp,actorKind,actor,type", lines[3], StringComparison.Ordinal);
        Assert.True(lines.Length >= 4 + 5, csv);
        Assert.DoesNotMatch(Cpr(), csv);
    }

    [Fact]
    public async Task HealthReady_FreshServer_ReportsRunLogIntact()
    {
        using var client = fx.Factory.CreateClient();

        var ready = await client.GetStringAsync("/health/ready");

        Assert.Contains("run log intact", ready, StringComparison.Ordinal);
    }

    private async Task<JsonArray> EventsAsync(string query) =>
        (await (await fx.Auditor.GetAsync($"/api/audit/events?{query}&limit=1000").ExpectAsync(HttpStatusCode.OK)).ReadObjectAsync())["items"]!.AsArray();

    [GeneratedRegex("(?<![0-9])[0-3][0-9][01][0-9][0-9]{2}-?[0-9]{4}(?![0-9])")]
    private static partial Regex Cpr();
}
