using System.Globalization;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Sql;

/// <summary>Guards shared by the SQL activities.</summary>
internal sealed record SqlLimits(int MaxRows, int CommandTimeoutSeconds)
{
    public static readonly Input<long> MaxRowsInput = new("maxRows", "Max rows", DataType.Integer)
    {
        Default = 1000,
        Description = "A query returning more rows than this faults instead of filling memory; narrow it with WHERE or LIMIT.",
    };

    public static readonly Input<string> TimeoutInput = new("timeout", "Timeout", DataType.String)
    {
        Default = "00:00:30",
        Editor = InputEditor.Duration,
        Description = "How long one statement may run before it is cancelled.",
    };

    public static SqlLimits Read(ActivityContext context, bool withMaxRows)
    {
        var maxRows = withMaxRows ? context.Get(MaxRowsInput) : int.MaxValue;
        if (maxRows is < 1 or > int.MaxValue)
        {
            throw new WorkflowFaultException($"Input 'maxRows' of activity '{context.ActivityId}' is {maxRows}; give a positive whole number such as 1000.");
        }

        var text = context.Get(TimeoutInput) ?? "";
        if (!JsonValueConverter.TryDuration(text.Trim(), out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw new WorkflowFaultException(
                $"Input 'timeout' of activity '{context.ActivityId}' is '{text}'; give a positive duration such as 00:00:30, PT30S or 30000 (milliseconds).");
        }

        return new SqlLimits((int)maxRows, (int)Math.Min(Math.Ceiling(timeout.TotalSeconds), int.MaxValue));
    }

    public static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
