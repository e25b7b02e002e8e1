using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Microsoft.Extensions.Options;

namespace Automation.Server.Evidence;

/// <summary>
/// Deletes evidence older than its retention period: the default, or the override of the workflow whose run saved
/// it (found from the first run-log record that names the reference). The run log keeps that it existed: an
/// <c>evidence.expired</c> record with its reference (the SHA-256 of the content), correlated with that run's
/// instance, workflow and business key so it shows in the run's timeline, is appended before the file goes, so a
/// crash between the two leaves a record and a file the next sweep deletes, never a silently missing file.
/// </summary>
public sealed class EvidenceRetention(IEvidenceStore store, IRunLog runLog, IRunLogReader reader, IOptions<EvidenceOptions> options, TimeProvider clock)
{
    private const int Page = 5_000;

    private static readonly RunLogActor Actor = new(RunLogActorKind.System, "evidence retention");

    /// <summary>Deletes every expired piece of evidence now; returns what was deleted.</summary>
    public async Task<IReadOnlyList<EvidenceReference>> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var shortest = settings.Retention.Values.Append(settings.DefaultRetention).Min();
        var candidates = store.List().Where(e => e.SavedAt < now - shortest).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var owners = await OwnersOfAsync(
            candidates.Select(c => c.Reference.Sha256).ToHashSet(StringComparer.Ordinal),
            candidates.Min(c => c.SavedAt) - TimeSpan.FromMinutes(1),
            cancellationToken).ConfigureAwait(false);
        var expired = new List<EvidenceReference>();
        foreach (var evidence in candidates)
        {
            var owner = owners.GetValueOrDefault(evidence.Reference.Sha256);
            var workflow = owner?.WorkflowId;
            var retention = workflow is not null && settings.Retention.TryGetValue(workflow, out var own) ? own : settings.DefaultRetention;
            if (evidence.SavedAt >= now - retention)
            {
                continue;
            }

            await runLog.AppendAsync(new RunLogEvent
            {
                Type = EvidenceEventTypes.Expired,
                Actor = Actor,
                Outcome = "Deleted",
                Correlation = owner ?? RunLogCorrelation.None,
                Payload = new JsonObject
                {
                    ["evidence"] = evidence.Reference.ToString(),
                    ["sha256"] = evidence.Reference.Sha256,
                    ["savedAt"] = evidence.SavedAt,
                    ["retention"] = retention.ToString(),
                },
            }, cancellationToken).ConfigureAwait(false);
            store.Delete(evidence.Reference);
            expired.Add(evidence.Reference);
        }

        return expired;
    }

    // The first run-log record naming a reference tells which run (instance, workflow, business key) saved it. Records
    // naming evidence follow its saving, so the scan starts at the oldest candidate and stops once every one is found.
    private async Task<Dictionary<string, RunLogCorrelation>> OwnersOfAsync(HashSet<string> hashes, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, RunLogCorrelation>(StringComparer.Ordinal);
        long after = 0;
        while (found.Count < hashes.Count)
        {
            var records = await reader.QueryAsync(new RunLogQuery { AfterSequence = after, From = from, Limit = Page }, cancellationToken).ConfigureAwait(false);
            foreach (var record in records)
            {
                if (record.Correlation.WorkflowId is null || record.PayloadJson is null || record.Type == EvidenceEventTypes.Expired)
                {
                    continue;
                }

                foreach (var reference in EvidenceReference.FindAll(record.PayloadJson))
                {
                    var hash = reference.Sha256;
                    if (hashes.Contains(hash))
                    {
                        found.TryAdd(hash, new RunLogCorrelation
                        {
                            InstanceId = record.Correlation.InstanceId,
                            WorkflowId = record.Correlation.WorkflowId,
                            WorkflowVersion = record.Correlation.WorkflowVersion,
                            BusinessKey = record.Correlation.BusinessKey,
                        });
                    }
                }
            }

            if (records.Count < Page)
            {
                break;
            }

            after = records[^1].Sequence;
        }

        return found;
    }
}

/// <summary>Run-log event types of the evidence store.</summary>
public static class EvidenceEventTypes
{
    public const string Expired = "evidence.expired";
    public const string Read = "evidence.read";

    /// <summary>The evidence key was moved out of the evidence folder into the keys folder (once, at a start after upgrading).</summary>
    public const string KeyMoved = "evidence.key-moved";
}
