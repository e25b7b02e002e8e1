using System.Text.Json.Nodes;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>Run-log events recorded from API handlers (nothing happens if the run log is not registered).</summary>
public static class AuditEvents
{
    /// <summary>A sign-in attempt: <paramref name="userName"/> is null when the name matches no user (it may be a mistyped password).</summary>
    public static async Task SignInAsync(HttpContext http, string? userName, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.RequestServices.GetService<IRunLog>() is not { } runLog)
        {
            return;
        }

        await runLog.AppendAsync(new RunLogEvent
        {
            Type = outcome == "Ok" ? RunLogEventTypes.SignIn : RunLogEventTypes.SignInFailed,
            Actor = new RunLogActor(RunLogActorKind.User, userName ?? "(unknown user name)"),
            Outcome = outcome,
            Payload = new JsonObject { ["remoteAddress"] = http.Connection.RemoteIpAddress?.ToString() },
        }, cancellationToken);
    }

    /// <summary>
    /// Records an administrative or operator action done by the caller of <paramref name="http"/>. Never put a
    /// password, token or credential value in <paramref name="payload"/> (keys that look like one are masked anyway).
    /// </summary>
    public static async Task RecordAsync(HttpContext http, string type, string outcome, JsonObject? payload, RunLogCorrelation? correlation = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.RequestServices.GetService<IRunLog>() is not { } runLog)
        {
            return;
        }

        // Not the request's token: the action has happened, so its record must be written even if the caller hangs up.
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = type,
            Actor = RunLogActors.From(http.User),
            Outcome = outcome,
            Correlation = correlation ?? RunLogCorrelation.None,
            Payload = payload,
        }, CancellationToken.None);
    }

    /// <summary>A place-registry import: file name, kind and counts (rows themselves are not copied to the run log).</summary>
    public static Task PlacesImportedAsync(HttpContext http, Automation.Places.Import.ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RecordAsync(http, AuditEventTypes.PlacesImported, result.Written ? "Written" : "Rejected", new JsonObject
        {
            ["file"] = result.File,
            ["kind"] = result.Kind.ToString(),
            ["rows"] = result.Rows,
            ["added"] = result.Added,
            ["changed"] = result.Changed,
            ["unchanged"] = result.Unchanged,
            ["rejected"] = result.Rejected,
            ["duplicates"] = result.Duplicates,
        });
    }
}
