using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Credentials;
using Automation.Engine.RunLog;

namespace Automation.Server.Audit;

/// <summary>
/// Wraps the credential store so that each time a robot or connector takes a credential, the run log records which
/// one (name, target system, field names) and for whom: never a value. When an activity asked (a robot's Open, a
/// connector's call), the record carries its instance, workflow and business key as correlation ids and the
/// activity's id in the payload, as <c>activity.executed</c> records do.
/// </summary>
internal sealed class RunLogCredentialStore(ICredentialStore inner, IRunLog runLog, IHttpContextAccessor http) : ICredentialStore
{
    public async ValueTask<Credential?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var credential = await inner.GetAsync(name, cancellationToken);
        var activity = ExecutingActivity.Current;
        await runLog.AppendAsync(new RunLogEvent
        {
            Type = AuditEventTypes.CredentialUsed,
            Actor = RunLogActors.Current(http),
            Correlation = new RunLogCorrelation
            {
                Target = credential?.TargetSystem,
                InstanceId = activity?.InstanceId,
                BusinessKey = activity?.CorrelationId,
                WorkflowId = activity?.Definition.Id,
                WorkflowVersion = activity?.Definition.Version,
            },
            Outcome = credential is null ? "NotFound" : "Ok",
            Payload = new JsonObject
            {
                ["credential"] = name,
                ["fieldNames"] = credential is null ? null : new JsonArray([.. credential.Fields.Keys.Order(StringComparer.Ordinal).Select(k => JsonValue.Create(k))]),
                ["activityId"] = activity?.ActivityId,
                ["activityType"] = activity?.Node.Type,
            },
        }, CancellationToken.None);
        return credential;
    }
}
