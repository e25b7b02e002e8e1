using Automation.Places.Model;

namespace Automation.Places.Tests.Addresses;

public sealed class AddressRecordTests
{
    private static AddressRecord Address(string? floor, string? door, string? town, string text)
    {
        var id = Guid.NewGuid();
        return new AddressRecord(
            id, id, "0101", "2992", "Holmens Kanal", "Holmens Kanal", "2", floor, door, town, "1060", "København K",
            new UtmPoint(725418.06, 6176126.2), null, text);
    }

    [Theory]
    [InlineData(null, null, null, "Holmens Kanal 2, 1060 København K")]
    [InlineData("1", null, null, "Holmens Kanal 2, 1., 1060 København K")]
    [InlineData("st", "tv", null, "Holmens Kanal 2, st. tv, 1060 København K")]
    [InlineData(null, "3", "Hjerup", "Holmens Kanal 2, 3, Hjerup, 1060 København K")]
    [InlineData("kl", "th", "Hjerup", "Holmens Kanal 2, kl. th, Hjerup, 1060 København K")]
    public void Compose_Parts_GiveTheDarBetegnelse(string? floor, string? door, string? town, string expected)
    {
        Assert.Equal(expected, Betegnelse.Compose("Holmens Kanal", "2", floor, door, town, "1060", "København K"));
        Assert.Null(Betegnelse.KeepUnlessComposed(expected, "Holmens Kanal", "2", floor, door, town, "1060", "København K"));
    }

    [Fact]
    public void Text_BetegnelseThatReadsOtherwise_IsKeptAsGiven()
    {
        var record = Address("1", "tv", null, "Holmens Kanal 2, 1 tv, 1060 Kbh K");

        Assert.Equal("Holmens Kanal 2, 1 tv, 1060 Kbh K", record.Text);
    }

    [Fact]
    public void With_ChangedFloor_KeepsTheBetegnelseItWasGiven()
    {
        var record = Address("1", null, null, "Holmens Kanal 2, 1., 1060 København K");

        var moved = record with { Floor = "3", Door = "th" };

        Assert.Equal("3", moved.Floor);
        Assert.Equal("th", moved.Door);
        Assert.Equal("Holmens Kanal 2, 1., 1060 København K", moved.Text);
        Assert.Equal("Holmens Kanal 2, 1., 1060 København K", record.Text);
    }

    [Fact]
    public void Equals_SameValuesWithBetegnelseComposedOrKept_AreEqual()
    {
        var composed = Address("st", "tv", null, "Holmens Kanal 2, st. tv, 1060 København K");
        var kept = composed with { Text = string.Concat("Holmens Kanal 2, ", "st. tv, 1060 København K") };

        Assert.Equal(composed, kept);
        Assert.Equal(composed.GetHashCode(), kept.GetHashCode());
        Assert.NotEqual(composed, composed with { Text = "Holmens Kanal 2, st. tv, 1060 Kbh K" });
    }
}
