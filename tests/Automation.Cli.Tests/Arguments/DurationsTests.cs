using Automation.Cli.Arguments;
using Automation.Cli.Hosting;

namespace Automation.Cli.Tests.Arguments;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("PT2S", 2_000)]
    [InlineData("0s", 0)]
    public void Parse_CommonForms_GiveTheDuration(string text, int milliseconds)
    {
        var duration = Durations.Parse(text, "--max-wait");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("soon")]
    [InlineData("-5s")]
    public void Parse_BareNumberOrNonsenseOrNegative_ThrowsNamingTheOptionAndAnExample(string text)
    {
        var ex = Assert.Throws<CliException>(() => Durations.Parse(text, "--max-wait"));

        Assert.StartsWith("--max-wait", ex.Message, StringComparison.Ordinal);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }
}
