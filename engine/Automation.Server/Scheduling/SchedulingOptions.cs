using System.ComponentModel.DataAnnotations;

namespace Automation.Server.Scheduling;

/// <summary>Settings under <c>Automation:Scheduling</c> in appsettings.json, or <c>Automation__Scheduling__Name</c> environment variables.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Automation:Scheduling";

    /// <summary>
    /// How old the latest missed cron slot may be and still run once after a restart; older missed slots are skipped
    /// (see <see cref="MisfirePolicy"/>). <value>10 minutes</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MissedCronSlotGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often overdue Delay timers are looked for and resumed, as a safety net for a timer whose scheduling failed.
    /// A timer is overdue when it is due longer than this ago. <value>1 minute</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OverdueTimerSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The time zone cron expressions are read in, as an IANA id such as <c>Europe/Copenhagen</c>, so '0 6 * * 1-5'
    /// stays 06:00 local time across daylight saving changes. <value>empty: the server's own time zone</value>
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>The time zone <see cref="TimeZone"/> names, or the server's.</summary>
    public TimeZoneInfo CronTimeZone => string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());

    internal bool HasKnownTimeZone()
    {
        try
        {
            _ = CronTimeZone;
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
