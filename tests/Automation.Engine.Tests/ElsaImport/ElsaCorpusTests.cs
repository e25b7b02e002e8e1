using System.Text.Json.Nodes;
using Automation.Engine.Definitions;
using Automation.Engine.ElsaImport;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.ElsaImport;

/// <summary>Each real Elsa 3 file of the corpus either runs to the behaviour it describes or is rejected with a clear error.</summary>
public sealed class ElsaCorpusTests
{
    private const string CSharpRejected = "C# expressions are not supported; rewrite the expression as JavaScript";

    [Fact]
    public async Task Load_01HelloWorld_LogsHelloWorld()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("01-hello-world.json"));

        var result = await engine.RunAsync(definition);

        Assert.Equal(ElsaWorkflowImporter.ImportedFrom, definition.ImportedFrom);
        Assert.Equal("1590068018aa4f0a", definition.Id);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["Hello World!"], engine.Log.Lines);
    }

    [Fact]
    public async Task Load_02MinimalHandWrittenHelloWorld_GetsAnIdFromItsNameAndLogs()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("02-HelloWorld.json"));

        var result = await engine.RunAsync(definition);

        Assert.Equal("Hello-World", definition.Id);
        Assert.Equal("Hello World", definition.Name);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["Hello World!"], engine.Log.Lines);
    }

    [Fact]
    public async Task Load_03TimerWorkflowWithByteOrderMark_BecomesTimerTriggerAndLogs()
    {
        var path = ElsaCorpus.PathOf("03-timer-workflow.json");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(path)[..3]);
        using var engine = new TestEngine();

        var definition = WorkflowFileLoader.Load(path);
        var result = await engine.RunAsync(definition);

        var trigger = Assert.Single(definition.Triggers);
        Assert.Equal("timer", trigger.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), trigger.Interval);
        Assert.Equal("89ab56281a99239", trigger.Activity);
        Assert.Equal("TimerTrigger", definition.Root.Activities.Single(a => a.Id == trigger.Activity).Type);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["Hello from timer"], engine.Log.Lines);
    }

    [Fact]
    public async Task Load_04CronEveryHour_BecomesCronTriggerAndLogs()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("04-cron-every-hour.json"));

        var result = await engine.RunAsync(definition);

        var trigger = Assert.Single(definition.Triggers);
        Assert.Equal("cron", trigger.Kind);
        Assert.Equal("0 0 * * * *", trigger.Cron);
        Assert.Equal("13658e4b3bfafaaf", trigger.Activity);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["Hello every hour"], engine.Log.Lines);
    }

    [Fact]
    public async Task Load_05HttpHelloWorld_BecomesHttpTriggerAndAnswersHelloWorld()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("05-http-hello-world.json"));

        var result = await engine.RunAsync(definition);

        var trigger = Assert.Single(definition.Triggers);
        Assert.Equal("http", trigger.Kind);
        Assert.Equal("hello-world", trigger.Path);
        Assert.Equal(["GET"], trigger.Methods!);
        Assert.Equal(InstanceStatus.Finished, result.Status);
        var response = result.Output["httpResponse"]!;
        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("Hello World!", response["content"]!.GetValue<string>());
        Assert.Equal("text/plain", response["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Load_06ImplicitLoop_RepeatsUntilCounterExceedsOne()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("06-implicit-loop.json"));

        var result = await engine.RunAsync(definition);

        // The lines Elsa's own test expects for this file.
        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["Do something", "Retry", "Do something", "Done"], engine.Log.Lines);
        Assert.DoesNotContain(definition.Root.Activities, a => a.Type == "Join");
    }

    [Fact]
    public async Task Load_07Fork_RunsAllThreeBranches()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("07-fork.json"));

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(["One", "Three", "Two"], engine.Log.Lines.Order());
    }

    [Fact]
    public async Task Load_08JoinAll_LogsEndOnceAfterBothBranches()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("08-join-all-1.json"));

        var result = await engine.RunAsync(definition);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var lines = engine.Log.Lines;
        Assert.Equal(4, lines.Count);
        Assert.Equal("Start", lines[0]);
        Assert.Equal(["Line 1", "Line 2"], lines.Skip(1).Take(2).Order());
        Assert.Equal("End", lines[3]);
    }

    [Fact]
    public async Task Load_09Workflow4WithDelay_SuspendsThenFinishesWhenTheDelayIsDue()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("09-workflow4.json"));

        var started = await engine.RunAsync(definition);
        engine.Clock.Advance(TimeSpan.FromSeconds(4));
        await engine.Runtime.ResumeDueTimersAsync(CancellationToken.None);
        var early = (await engine.Store.GetInstanceAsync(started.InstanceId, CancellationToken.None))!.Status;
        var linesBeforeDelay = engine.Log.Lines;
        engine.Clock.Advance(TimeSpan.FromSeconds(1));
        var resumed = Assert.Single(await engine.Runtime.ResumeDueTimersAsync(CancellationToken.None));

        // The decision has two incoming paths; Elsa runs it once after both, so Delay1 and WriteLine7 run once.
        Assert.Equal(InstanceStatus.Suspended, started.Status);
        Assert.Single(started.Bookmarks);
        Assert.Equal(InstanceStatus.Suspended, early);
        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3", "WriteLine4", "WriteLine6"], linesBeforeDelay.Order());
        Assert.Equal(InstanceStatus.Finished, resumed.Status);
        Assert.Equal(["WriteLine7"], engine.Log.Lines.Skip(linesBeforeDelay.Count));
    }

    [Fact]
    public async Task Load_10Sum_ReturnsAPlusBAsResult()
    {
        using var engine = new TestEngine();
        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf("10-sum.json"));

        var result = await engine.RunAsync(definition, new JsonObject { ["A"] = 4, ["B"] = 5 });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(9, result.Output["Result"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("01-hello-world.json")]
    [InlineData("02-HelloWorld.json")]
    [InlineData("03-timer-workflow.json")]
    [InlineData("04-cron-every-hour.json")]
    [InlineData("05-http-hello-world.json")]
    [InlineData("06-implicit-loop.json")]
    [InlineData("07-fork.json")]
    [InlineData("08-join-all-1.json")]
    [InlineData("09-workflow4.json")]
    [InlineData("10-sum.json")]
    public void Load_ImportableFile_ValidatesWithoutErrorsOrWarnings(string file)
    {
        using var engine = new TestEngine();

        var definition = WorkflowFileLoader.Load(ElsaCorpus.PathOf(file));

        Assert.Empty(engine.Runtime.Validator.Validate(definition));
    }

    [Fact]
    public void Load_11GetUserWithCSharpExpressions_IsRejectedNamingEachActivityAndInput()
    {
        var path = ElsaCorpus.PathOf("11-get-user.json");

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.Load(path));

        Assert.Equal(
            [
                new ValidationProblem("$.root.activities[0].url", $"activity '47898b89878097e2' (Elsa.FlowSendHttpRequest), input 'url': {CSharpRejected}", Severity.Error, "47898b89878097e2", "url"),
                new ValidationProblem("$.root.activities[4].value", $"activity '595a8892f09a15cd' (Elsa.SetVariable), input 'value': {CSharpRejected}", Severity.Error, "595a8892f09a15cd", "value"),
            ],
            error.Problems);
        Assert.StartsWith($"Elsa workflow '{path}' is not a valid workflow:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_12ParallelHttpRequestsWithCSharpText_IsRejectedNamingTheWriteLine()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowFileLoader.Load(ElsaCorpus.PathOf("12-parallel-http-requests.json")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.root.activities[1].text", problem.Path);
        Assert.Equal($"activity 'ec92ea1593ca7098' (Elsa.WriteLine), input 'text': {CSharpRejected}", problem.Message);
    }
}
