using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.Signals;

/// <summary>
/// Waits until a named signal is sent (<see cref="WorkflowRuntime.SignalAsync"/>), for example when another system
/// reports that a referral was received. The signal's payload can be stored in a variable.
/// </summary>
[Activity("WaitForSignal", "Signals", "Wait for signal", Description = "Waits until a signal with this name is sent to the instance.")]
public sealed class WaitForSignal : IActivity, IResumable
{
    public static readonly Input<string> Signal = new("signal", "Signal", DataType.String)
    {
        Required = true,
        Description = "The signal's name, for example referral-received.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store payload in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var signal = context.Get(Signal);
        if (string.IsNullOrWhiteSpace(signal))
        {
            throw new WorkflowFaultException($"WaitForSignal '{context.ActivityId}' has an empty signal name; give input 'signal' a name to wait for.");
        }

        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(BookmarkKinds.Signal, Key: signal)));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonNode? payload, CancellationToken cancellationToken)
    {
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            // A payload of the wrong type is the sender's mistake: refuse it and keep waiting rather than fault the instance.
            var declared = context.Definition.Variables.Find(v => v.Name == variable);
            if (declared is not null && !JsonValueConverter.TryCoerce(payload, declared.Type, out _, out var error))
            {
                throw new ResumeRejectedException(
                    $"Signal '{bookmark.Key}' cannot be stored in variable '{variable}' of activity '{context.ActivityId}': {error}. Send a payload of that type.");
            }

            context.SetVariable(variable, payload);
        }
        else
        {
            context.RecordOutput("payload", payload);
        }

        return ValueTask.FromResult(ActivityResult.Done);
    }
}
