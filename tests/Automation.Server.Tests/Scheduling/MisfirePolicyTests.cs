using Automation.Server.Scheduling;
using Quartz;

namespace Automation.Server.Tests.Scheduling;

public sealed class MisfirePolicyTests
{
    private static readonly CronExpression SixOClock = CronExpression.Parse("0 0 6 * * ?");
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    [Fact]
    public void ShouldRunCronFiring_OnTime_Runs()
    {
        var run = MisfirePolicy.ShouldRunCronFiring(SixOClock, At(6, 0, 0).AddMilliseconds(40), Grace, out var slot);

        Assert.True(run);
        Assert.Equal(At(6, 0, 0), slot);
    }

    [Fact]
    public void ShouldRunCronFiring_MissedSlotWithinGrace_RunsOnceForIt()
    {
        var run = MisfirePolicy.ShouldRunCronFiring(SixOClock, At(6, 3, 0), Grace, out var slot);

        Assert.True(run);
        Assert.Equal(At(6, 0, 0), slot);
    }

    [Fact]
    public void ShouldRunCronFiring_MissedSlotOlderThanGrace_Skips()
    {
        var run = MisfirePolicy.ShouldRunCronFiring(SixOClock, At(14, 0, 0), Grace, out var slot);

        Assert.False(run);
        Assert.Equal(At(6, 0, 0), slot);
    }

    private static DateTimeOffset At(int hour, int minute, int second) => new(2026, 3, 2, hour, minute, second, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 3, 2, hour, minute, second, DateTimeKind.Unspecified)));
}
