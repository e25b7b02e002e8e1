using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Primitives;

/// <summary>Writes a line to the workflow log (and the journal).</summary>
[Activity("Log", "Primitives", "Log", Description = "Writes a message to the workflow log.")]
public sealed class Log : IActivity
{
    public static readonly Input<string> Message = new("message", "Message", DataType.String) { Required = true, Editor = InputEditor.MultilineText };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.Log(context.Get(Message) ?? "");
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
