using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Evidence;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Evidence;

public sealed class EvidenceRetentionTests
{
    [Fact]
    public async Task SweepAsync_WorkflowWithShorterRetention_ExpiresOnlyThatWorkflowsEvidenceRecordedOnItsRun()
    {
        using var factory = new ServerFactory().With("Automation:Evidence:Retention:short-lived", "1.00:00:00");
        var store = factory.Services.GetRequiredService<IEvidenceStore>();
        var shortLived = await store.SaveAsync(new MemoryStream([1, 2, 3]), EvidenceMediaTypes.Bytes, CancellationToken.None);
        var other = await store.SaveAsync(new MemoryStream([4, 5, 6]), EvidenceMediaTypes.Bytes, CancellationToken.None);
        var runLog = factory.Services.GetRequiredService<IRunLog>();
        var instanceId = await NameAsync(runLog, "short-lived", shortLived);
        await NameAsync(runLog, "kept-long", other);
        foreach (var reference in new[] { shortLived, other })
        {
            var file = Directory.EnumerateFiles(factory.DataDirectory, reference.Sha256, SearchOption.AllDirectories).Single();
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2));
        }

        var expired = await factory.Services.GetRequiredService<EvidenceRetention>().SweepAsync(CancellationToken.None);

        Assert.Equal([shortLived], expired);
        Assert.Null(await store.OpenReadAsync(shortLived, CancellationToken.None));
        Assert.NotNull(await store.OpenReadAsync(other, CancellationToken.None));
        var records = await factory.Services.GetRequiredService<IRunLogReader>().QueryAsync(new RunLogQuery { Type = EvidenceEventTypes.Expired }, CancellationToken.None);
        var record = Assert.Single(records);
        Assert.Equal("short-lived", record.Correlation.WorkflowId);
        Assert.Equal(instanceId, record.Correlation.InstanceId);
        Assert.Contains(shortLived.Sha256, record.PayloadJson, StringComparison.Ordinal);
    }

    private static async Task<string> NameAsync(IRunLog runLog, string workflow, EvidenceReference reference)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = RunLogEventTypes.ActivityExecuted,
            Actor = RunLogActor.Engine,
            Correlation = new RunLogCorrelation { WorkflowId = workflow, InstanceId = instanceId },
            Payload = new JsonObject { ["log"] = new JsonArray($"Screenshot of 'web': {reference}") },
        }, CancellationToken.None);
        return instanceId;
    }
}
