using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.Flow;

/// <summary>
/// Merges branches. WaitAll continues once a token has arrived over every connection entering the Join;
/// WaitAny continues at the first arrival and cancels what is still pending upstream (tokens and bookmarks).
/// </summary>
[Activity("Join", "Flow", "Join", Description = "Waits for all (or any) incoming branches, then continues.", IsJoin = true)]
public sealed class Join : IActivity
{
    public static readonly Input<string> Mode = new("mode", "Mode", DataType.String) { Default = "WaitAll", Options = ["WaitAll", "WaitAny"], Editor = InputEditor.Dropdown, AllowExpression = false };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (context.Get(Mode) == "WaitAny")
        {
            context.CancelUpstream();
            return ValueTask.FromResult(ActivityResult.Done);
        }

        var arrived = context.State as JsonArray ?? [];
        var key = $"{context.Token.FromActivity}:{context.Token.FromPort}";
        if (!arrived.Any(a => JsonValueConverter.AsText(a) == key))
        {
            arrived.Add(key);
        }

        var expected = context.Inbound.Select(i => $"{i.Activity}:{i.Port}").Distinct().Count();
        if (arrived.Count >= expected)
        {
            context.State = null;
            return ValueTask.FromResult(ActivityResult.Done);
        }

        context.State = arrived;
        return ValueTask.FromResult(ActivityResult.Stop);
    }
}
