using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Evidence;
using Automation.Server.Security;
using global::CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Audit;

/// <summary>
/// The run log for auditors: search, a run's timeline, CSV export. Every read is itself appended to the run log
/// (who read what, with which filter) before the answer is sent.
/// </summary>
public static class AuditApi
{
    private const int MaxExport = 100_000;

    // Payloads come from other systems; a cell starting with = + - @ is shown as text instead of run as a formula.
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };

    private static readonly string[] CsvColumns =
        ["sequence", "timestamp", "actorKind", "actor", "type", "outcome", "instanceId", "queueItemId", "businessKey", "workflowId", "workflowVersion", "target", "payload", "hash"];

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadRunLog);
        group.MapGet("/events", SearchAsync);
        group.MapGet("/runs/{instanceId}", TimelineAsync);
        group.MapGet("/export.csv", ExportAsync);
        return app;
    }

    /// <summary>Records matching the filter, in sequence order; pass <c>next</c> as <c>after</c> for the next page.</summary>
    private static async Task<Ok<AuditPage>> SearchAsync([AsParameters] AuditFilter filter, ClaimsPrincipal user, IRunLogReader reader, IRunLog runLog, CancellationToken cancellationToken)
    {
        var query = filter.ToQuery(Math.Clamp(filter.Limit ?? 100, 1, 1_000));
        var records = await reader.QueryAsync(query, cancellationToken);
        await RecordReadAsync(runLog, user, "events", filter.Describe(), records.Count, cancellationToken);
        var next = records.Count == query.Limit ? records[^1].Sequence : (long?)null;
        return TypedResults.Ok(new AuditPage([.. records.Select(AuditEventView.From)], next));
    }

    /// <summary>
    /// Every record of one instance, oldest first: start, each activity with its (masked) values, the end; and each
    /// piece of evidence the records refer to, with its stored media type, or when it expired.
    /// </summary>
    private static async Task<Ok<RunTimeline>> TimelineAsync(string instanceId, ClaimsPrincipal user, IRunLogReader reader, IRunLog runLog, IEvidenceStore evidence, CancellationToken cancellationToken)
    {
        var records = await reader.QueryAsync(new RunLogQuery { InstanceId = instanceId, Limit = 10_000 }, cancellationToken);
        await RecordReadAsync(runLog, user, "run timeline", $"instance={instanceId}", records.Count, cancellationToken);
        return TypedResults.Ok(new RunTimeline(instanceId, [.. records.Select(AuditEventView.From)], await EvidenceOfAsync(records, evidence, cancellationToken)));
    }

    // The retention sweep records the instance on evidence.expired, so an expiry is found among the run's own records.
    private static async Task<IReadOnlyList<EvidenceView>> EvidenceOfAsync(IReadOnlyList<RunLogRecord> records, IEvidenceStore store, CancellationToken cancellationToken)
    {
        var expired = new Dictionary<string, RunLogRecord>(StringComparer.Ordinal);
        foreach (var r in records.Where(r => r.Type == EvidenceEventTypes.Expired && r.PayloadJson is not null))
        {
            if (JsonNode.Parse(r.PayloadJson!)?["sha256"]?.GetValue<string>() is { } sha)
            {
                expired.TryAdd(sha, r);
            }
        }

        var views = new List<EvidenceView>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Type != EvidenceEventTypes.Expired && r.PayloadJson is not null))
        {
            foreach (var reference in EvidenceReference.FindAll(record.PayloadJson!))
            {
                if (!seen.Add(reference.Sha256))
                {
                    continue;
                }

                if (expired.TryGetValue(reference.Sha256, out var expiry))
                {
                    views.Add(new EvidenceView(reference.ToString(), reference.Sha256, "expired", null, expiry.Sequence, expiry.Timestamp));
                    continue;
                }

                string? mediaType;
                try
                {
                    mediaType = await store.MediaTypeOfAsync(reference, cancellationToken);
                }
                catch (EvidenceIntegrityException)
                {
                    views.Add(new EvidenceView(reference.ToString(), reference.Sha256, "damaged", null, null, null));
                    continue;
                }

                views.Add(new EvidenceView(reference.ToString(), reference.Sha256, mediaType is null ? "missing" : "stored", mediaType, null, null));
            }
        }

        return views;
    }

    /// <summary>CSV of the filtered records; comment lines first record the filter, the export time and the chain head.</summary>
    private static async Task<FileContentHttpResult> ExportAsync([AsParameters] AuditFilter filter, ClaimsPrincipal user, IRunLogReader reader, IRunLog runLog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (headSequence, headHash) = await reader.GetHeadAsync(cancellationToken);
        var records = await reader.QueryAsync(filter.ToQuery(MaxExport), cancellationToken);
        await RecordReadAsync(runLog, user, "export.csv", filter.Describe(), records.Count, cancellationToken);

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await text.WriteLineAsync($"# filter: {filter.Describe()}");
        await text.WriteLineAsync($"# exported: {clock.GetUtcNow():O} by {user.Identity?.Name}");
        await text.WriteLineAsync($"# chain head: sequence {headSequence}, hash {headHash}");
        await using (var csv = CsvWriter.Create(text, CsvOptions, leaveOpen: true))
        {
            csv.WriteHeader(CsvColumns);
            foreach (var r in records)
            {
                await csv.WriteRecordAsync(CsvFields(r), cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "run-log.csv");
    }

    private static string?[] CsvFields(RunLogRecord r) =>
    [
        r.Sequence.ToString(CultureInfo.InvariantCulture), r.Timestamp.ToString("O", CultureInfo.InvariantCulture), r.Actor.Kind.ToString(), r.Actor.Name,
        r.Type, r.Outcome, r.Correlation.InstanceId, r.Correlation.QueueItemId, r.Correlation.BusinessKey, r.Correlation.WorkflowId,
        r.Correlation.WorkflowVersion?.ToString(CultureInfo.InvariantCulture), r.Correlation.Target, r.PayloadJson, r.Hash,
    ];

    private static async Task RecordReadAsync(IRunLog runLog, ClaimsPrincipal user, string what, string filter, int count, CancellationToken cancellationToken) =>
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = RunLogEventTypes.RunLogRead,
            Actor = RunLogActors.From(user),
            Outcome = "Ok",
            Payload = new JsonObject { ["read"] = what, ["filter"] = filter, ["records"] = count },
        }, cancellationToken);
}

/// <summary>Query-string filters of the audit endpoints.</summary>
public sealed record AuditFilter
{
    public string? Workflow { get; init; }

    public string? Target { get; init; }

    public string? User { get; init; }

    public string? BusinessKey { get; init; }

    public string? Instance { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Outcome { get; init; }

    public string? Type { get; init; }

    public long? After { get; init; }

    public int? Limit { get; init; }

    internal RunLogQuery ToQuery(int limit) => new()
    {
        WorkflowId = Workflow,
        Target = Target,
        Actor = User,
        BusinessKey = BusinessKey,
        InstanceId = Instance,
        From = From,
        To = To,
        Outcome = Outcome,
        Type = Type,
        AfterSequence = After ?? 0,
        Limit = limit,
    };

    internal string Describe()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={(value is DateTimeOffset t ? t.ToString("O", CultureInfo.InvariantCulture) : value)}"));
            }
        }

        Add("workflow", Workflow);
        Add("target", Target);
        Add("user", User);
        Add("businessKey", BusinessKey);
        Add("instance", Instance);
        Add("from", From);
        Add("to", To);
        Add("outcome", Outcome);
        Add("type", Type);
        Add("after", After);
        return parts.Count == 0 ? "(none)" : string.Join("; ", parts);
    }
}

/// <summary>One run-log record as the API shows it.</summary>
public sealed record AuditEventView(
    long Sequence, DateTimeOffset Timestamp, string ActorKind, string Actor, string Type, string? Outcome,
    string? InstanceId, string? QueueItemId, string? BusinessKey, string? WorkflowId, int? WorkflowVersion, string? Target,
    JsonNode? Payload, string Hash)
{
    internal static AuditEventView From(RunLogRecord r) => new(
        r.Sequence, r.Timestamp, r.Actor.Kind.ToString(), r.Actor.Name, r.Type, r.Outcome,
        r.Correlation.InstanceId, r.Correlation.QueueItemId, r.Correlation.BusinessKey, r.Correlation.WorkflowId, r.Correlation.WorkflowVersion, r.Correlation.Target,
        r.PayloadJson is null ? null : JsonNode.Parse(r.PayloadJson), r.Hash);
}

/// <summary>A page of search results; <see cref="Next"/> is the <c>after</c> value for the next page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, long? Next);

/// <summary>One run's records, oldest first, and the evidence they refer to.</summary>
public sealed record RunTimeline(string InstanceId, IReadOnlyList<AuditEventView> Events, IReadOnlyList<EvidenceView> Evidence);

/// <summary>
/// A piece of evidence a run's records refer to. <see cref="State"/>: <c>stored</c> (with the media type it was saved
/// with), <c>expired</c> (with the sequence and time of its <c>evidence.expired</c> record), <c>missing</c> (never
/// stored here, or expired before expiries named the run) or <c>damaged</c> (fails its integrity check).
/// </summary>
public sealed record EvidenceView(string Reference, string Sha256, string State, string? MediaType, long? ExpiredSequence, DateTimeOffset? ExpiredAt);
