using Automation.Cli.Arguments;
using Automation.Cli.Hosting;

namespace Automation.Cli.Tests.Arguments;

public sealed class InputValuesTests
{
    [Fact]
    public void Parse_ValueWithEqualsSign_KeepsEverythingAfterTheFirstOne()
    {
        var input = InputValues.Parse(["query=a=b", "empty="]);

        Assert.Equal("""{"query":"a=b","empty":""}""", input.ToJsonString());
    }

    [Fact]
    public void Parse_ItemWithoutName_ThrowsWithAnExample()
    {
        var ex = Assert.Throws<CliException>(() => InputValues.Parse(["=5"]));

        Assert.Contains("'=5' is not name=value", ex.Message, StringComparison.Ordinal);
    }
}
