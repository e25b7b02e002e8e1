using Quartz;

namespace Automation.Server.Scheduling;

/// <summary>
/// What happens to a firing that was missed because the server was down or too busy (a misfire). A firing later than
/// <see cref="Threshold"/> counts as missed; within it, it simply runs late.
/// <list type="bullet">
/// <item><description><b>Delay timers</b> always fire, however late: right after start-up (Quartz <c>FireNow</c>).
/// A workflow never waits forever because the server was down when its timer came due.</description></item>
/// <item><description><b>Cron triggers</b> fire at most once for all the slots they missed (Quartz <c>FireOnceNow</c>),
/// and only when the latest missed slot is younger than <see cref="SchedulingOptions.MissedCronSlotGrace"/> (10 minutes
/// by default); an older missed slot is skipped and the schedule goes on with its next slot. A 06:00 report still runs
/// when the server comes back at 06:03, but not when it comes back at 14:00.</description></item>
/// <item><description><b>Timer triggers</b> (a fixed interval) fire once right after start-up for all the intervals they
/// missed, then every interval from then on (Quartz <c>RescheduleNowWithExistingRepeatCount</c>).</description></item>
/// </list>
/// Each slot fires once: the job store moves a trigger to its next fire time in the same database transaction that
/// records the firing, so a restart or a second scheduler on the same database does not fire the slot again.
/// </summary>
public static class MisfirePolicy
{
    /// <summary>How late a firing may be before it counts as missed. Short, so missed slots collapse into one firing instead of a burst.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a cron firing at <paramref name="firedAt"/> should start the workflow: yes unless the slot it stands for
    /// (the latest slot of <paramref name="expression"/> at or before the firing) is older than <paramref name="grace"/>.
    /// </summary>
    public static bool ShouldRunCronFiring(CronExpression expression, DateTimeOffset firedAt, TimeSpan grace, out DateTimeOffset slot)
    {
        // Cron has whole seconds: the slot a firing stands for is the last valid second before the next one begins.
        var previous = expression.GetPreviousValidTimeBefore(firedAt.AddSeconds(1));
        slot = previous is { } p && p <= firedAt ? p : firedAt;
        return firedAt - slot <= grace;
    }
}
