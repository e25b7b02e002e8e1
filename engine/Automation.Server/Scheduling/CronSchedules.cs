using System.Diagnostics.CodeAnalysis;
using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// Reads the cron expressions of <c>cron</c> triggers: 5 fields are standard crontab (minute hour day month weekday,
/// Sunday = 0 or 7); 6 or 7 fields are Quartz's (seconds first, optional year). Both become a Quartz expression.
/// </summary>
public static class CronSchedules
{
    /// <summary>What to write instead, shown with every error.</summary>
    public const string Hint = "use 5 fields (minute hour day month weekday, for example '0 6 * * 1-5' for 06:00 on weekdays) or 6-7 fields with seconds first (for example '0 0 6 ? * MON-FRI' or '*/30 * * * * ?')";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong (without the hint).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        var trimmed = text?.Trim() ?? "";
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6 or 7))
        {
            error = fields == 0 ? "the cron expression is empty" : $"'{trimmed}' has {fields} fields";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(string.Join(' ', trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries)), fields == 5 ? CronFormat.Unix : CronFormat.Quartz);
        }
        catch (FormatException ex)
        {
            error = $"'{trimmed}' is not a valid cron expression: {ex.Message.TrimEnd('.')}";
            return false;
        }

        if (expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null)
        {
            expression = null;
            error = $"'{trimmed}' never fires (no matching date in the future)";
            return false;
        }

        error = null;
        return true;
    }
}
