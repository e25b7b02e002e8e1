using Automation.Server.Scheduling;

namespace Automation.Server.Tests.Scheduling;

public sealed class CronSchedulesTests
{
    [Theory]
    [InlineData("0 6 * * 1-5", "0 0 6 ? * MON-FRI")]
    [InlineData("*/5 * * * *", "0 */5 * * * ?")]
    [InlineData("*/1 * * * * ?", "*/1 * * * * ?")]
    [InlineData("0 0 6 * * MON-FRI", "0 0 6 * * MON-FRI")]
    [InlineData("0 30 2 1 * ? 2099", "0 30 2 1 * ? 2099")]
    public void TryParse_FiveSixOrSevenFields_ReadsAsQuartz(string text, string quartz)
    {
        Assert.True(CronSchedules.TryParse(text, out var expression, out var error), error);
        Assert.Equal(quartz, expression.CronExpressionString);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "has 4 fields")]
    [InlineData("61 * * * *", "'61 * * * *' is not a valid cron expression")]
    [InlineData("0 0 0 1 1 ? 2001", "never fires")]
    public void TryParse_Invalid_SaysWhy(string text, string reason)
    {
        Assert.False(CronSchedules.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
