using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Primitives;

/// <summary>Faults the instance on purpose with a message (a business rule that cannot be handled in the flow).</summary>
[Activity("Fault", "Primitives", "Fault", Description = "Stops the workflow with an incident carrying the given message.", Outcomes = [])]
public sealed class Fault : IActivity
{
    public static readonly Input<string> Message = new("message", "Message", DataType.String) { Required = true };

    public static readonly Input<string> Code = new("code", "Code", DataType.String);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        throw new WorkflowFaultException(context.Get(Message) ?? "Fault") { Code = context.Get(Code) };
}
