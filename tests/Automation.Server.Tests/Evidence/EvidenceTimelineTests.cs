using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Evidence;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Evidence;

public sealed class EvidenceTimelineTests
{
    [Fact]
    public async Task Timeline_RunWithScreenshotTraceAndExpiredEvidence_ListsEachWithItsStoredTypeOrItsExpiry()
    {
        using var factory = new ServerFactory();
        using var auditor = await factory.SignedInAsAsync("timeline-auditor", Automation.Server.Security.Roles.Auditor);
        var store = factory.Services.GetRequiredService<IEvidenceStore>();
        var screenshot = await store.SaveAsync(new MemoryStream([1, 1]), EvidenceMediaTypes.Png, CancellationToken.None);
        var trace = await store.SaveAsync(new MemoryStream([2, 2]), EvidenceMediaTypes.Trace, CancellationToken.None);
        var old = await store.SaveAsync(new MemoryStream([3, 3]), EvidenceMediaTypes.Png, CancellationToken.None);
        var instanceId = Guid.NewGuid().ToString("N");
        await factory.Services.GetRequiredService<IRunLog>().AppendAsync(new RunLogEvent
        {
            Type = RunLogEventTypes.ActivityExecuted,
            Actor = RunLogActor.Engine,
            Correlation = new RunLogCorrelation { WorkflowId = "timeline", InstanceId = instanceId },
            Payload = new JsonObject { ["log"] = new JsonArray($"Screenshot {screenshot}", $"Trace {trace}", $"Screenshot {old}") },
        }, CancellationToken.None);
        File.SetLastWriteTimeUtc(Directory.EnumerateFiles(factory.DataDirectory, old.Sha256, SearchOption.AllDirectories).Single(), DateTime.UtcNow.AddDays(-91));
        await factory.Services.GetRequiredService<EvidenceRetention>().SweepAsync(CancellationToken.None);

        var timeline = JsonNode.Parse(await auditor.GetStringAsync($"/api/audit/runs/{instanceId}"))!;

        var evidence = timeline["evidence"]!.AsArray().Select(e => (Sha: e!["sha256"]!.GetValue<string>(), State: e["state"]!.GetValue<string>(), Type: e["mediaType"]?.GetValue<string>())).ToList();
        Assert.Equal([(screenshot.Sha256, "stored", EvidenceMediaTypes.Png), (trace.Sha256, "stored", EvidenceMediaTypes.Trace), (old.Sha256, "expired", null)], evidence);
        var expiry = timeline["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == EvidenceEventTypes.Expired)!;
        Assert.Equal(expiry["sequence"]!.GetValue<long>(), timeline["evidence"]![2]!["expiredSequence"]!.GetValue<long>());
    }
}
