using Automation.Data.RunLog;
using Automation.Engine.RunLog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Automation.Server.Audit;

/// <summary>The result of the start-up check of the run log's tail, for <c>/health/ready</c>.</summary>
internal sealed class RunLogState
{
    public RunLogVerification? Tail { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// On start: opens the run log and verifies from the last checkpoint to the head (fast however long the log is),
/// so a cut-off or edited tail is reported at once; the full walk is <c>automation audit verify</c>.
/// </summary>
internal sealed partial class RunLogStartupCheck(SqliteRunLog runLog, RunLogPath path, RunLogState state, ILogger<RunLogStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            state.Tail = RunLogVerifier.VerifyTail(path.DatabasePath);
            if (state.Tail.IsIntact)
            {
                LogIntact(logger, state.Tail.HeadSequence, state.Tail.HeadHash);
            }
            else
            {
                LogBroken(logger, state.Tail.ToString());
            }

            await runLog.AppendAsync(new RunLogEvent
            {
                Type = RunLogEventTypes.RunLogVerified,
                Actor = new RunLogActor(RunLogActorKind.System, "server start"),
                Outcome = state.Tail.IsIntact ? "Intact" : "Broken",
                Payload = new System.Text.Json.Nodes.JsonObject { ["result"] = state.Tail.ToString() },
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            state.Error = ex.Message;
            LogBroken(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Run log intact up to sequence {Sequence}, head {Hash}")]
    private static partial void LogIntact(ILogger logger, long sequence, string hash);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Run log check failed: {Problem}")]
    private static partial void LogBroken(ILogger logger, string problem);
}

/// <summary>Ready only if the run log's tail verified at start.</summary>
internal sealed class RunLogHealthCheck(RunLogState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(
        state.Error is { } error ? HealthCheckResult.Unhealthy($"run log could not be checked: {error}")
        : state.Tail is null ? HealthCheckResult.Degraded("run log not checked yet")
        : state.Tail.IsIntact ? HealthCheckResult.Healthy($"run log intact from the last checkpoint to sequence {state.Tail.HeadSequence}, head {state.Tail.HeadHash}")
        : HealthCheckResult.Unhealthy($"run log {state.Tail}; run 'automation audit verify --db PATH' for the whole chain"));
}

/// <summary>The file the run log lives in.</summary>
internal sealed record RunLogPath(string DatabasePath);
