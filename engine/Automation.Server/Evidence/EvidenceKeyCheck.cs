using System.Text.Json.Nodes;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;

namespace Automation.Server.Evidence;

/// <summary>
/// Loads the evidence key at start, so a problem stops the server with a message naming the key file instead of
/// failing at the first screenshot: a key left in the evidence folder by an earlier version is moved to the keys
/// folder (logged and recorded in the run log as <c>evidence.key-moved</c>), and a missing key while encrypted
/// evidence exists is an error (a new key could not read the old files).
/// </summary>
internal sealed partial class EvidenceKeyCheck(IEvidenceStore store, IRunLog runLog, ILogger<EvidenceKeyCheck> logger) : IHostedService
{
    private static readonly RunLogActor Actor = new(RunLogActorKind.System, "server start");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is not FileEvidenceStore files)
        {
            return;
        }

        EvidenceKeyStatus status;
        try
        {
            status = files.PrepareKey();
        }
        catch (EvidenceKeyException ex)
        {
            LogKeyProblem(logger, ex.Message);
            throw;
        }

        if (status == EvidenceKeyStatus.Moved)
        {
            LogMoved(logger, files.LegacyKeyPath, files.KeyPath);
            await runLog.AppendAsync(new RunLogEvent
            {
                Type = EvidenceEventTypes.KeyMoved,
                Actor = Actor,
                Outcome = "Moved",
                Payload = new JsonObject { ["from"] = files.LegacyKeyPath, ["to"] = files.KeyPath },
            }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved the evidence key from the evidence folder {From} to the keys folder {To}; back up the keys folder with the database")]
    private static partial void LogMoved(ILogger logger, string from, string to);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Evidence key problem: {Problem}")]
    private static partial void LogKeyProblem(ILogger logger, string problem);
}
