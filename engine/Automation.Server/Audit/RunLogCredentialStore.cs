using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>
/// Wraps the credential store so that each time a robot or connector takes a credential, the run log records which
/// one (name, target system, field names) and for whom: never a value. The activity that asked is the
/// <c>activity.executed</c> record that follows in the same instance (its inputs name the credential).
/// </summary>
internal sealed class RunLogCredentialStore(ICredentialStore inner, IRunLog runLog, IHttpContextAccessor http) : ICredentialStore
{
    public async ValueTask<Credential?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var credential = await inner.GetAsync(name, cancellationToken);
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = AuditEventTypes.CredentialUsed,
            Actor = RunLogActors.Current(http),
            Correlation = new RunLogCorrelation { Target = credential?.TargetSystem },
            Outcome = credential is null ? "NotFound" : "Ok",
            Payload = new JsonObject
            {
                ["credential"] = name,
                ["fieldNames"] = credential is null ? null : new JsonArray([.. credential.Fields.Keys.Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
            },
        }, CancellationToken.None);
        return credential;
    }
}
