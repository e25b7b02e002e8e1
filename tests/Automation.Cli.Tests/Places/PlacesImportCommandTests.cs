namespace Automation.Cli.Tests.Places;

public sealed class PlacesImportCommandTests : IDisposable
{
    private const string Header = "adgangsadresse_id,kommunekode,vejkode,vejnavn,adresseringsvejnavn,husnr,postnr,postnrnavn,etrs89_oest,etrs89_nord,betegnelse";
    private const string Row = "0a3f507a-8f2e-32b8-e044-0003ba298018,101,2992,Holmens Kanal,Holmens Kanal,2,1060,København K,725418.06,6176126.2,\"Holmens Kanal 2, 1060 København K\"";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PlacesImport_TwiceRedirected_PrintsPlainCountsThenAllUnchanged()
    {
        var file = _dir.Write("a.csv", Header + "\n" + Row + "\n");

        var first = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", file);
        var second = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", "--timing", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(["a.csv: addresses: added 1, changed 0, unchanged 0, rejected 0"], first.Stdout);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("a.csv: addresses: added 0, changed 0, unchanged 1, rejected 0 (", second.LastLine, StringComparison.Ordinal);
        Assert.Contains(" rows/s)", second.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlacesImport_FileWithBadRow_Exits1ListsTheRowAndWritesNothing()
    {
        var bad = _dir.Write("bad.csv", Header + "\n" + Row + "\n" + Row.Replace("725418.06", "east", StringComparison.Ordinal).Replace("0a3f507a", "1a3f507a", StringComparison.Ordinal) + "\n");
        var good = _dir.Write("good.csv", Header + "\n" + Row + "\n");

        var result = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", bad);
        var after = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", good);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["bad.csv: addresses: added 0, changed 0, unchanged 0, rejected 1"], result.Stdout);
        Assert.Contains("bad.csv:3:etrs89_oest: 'east' is not a number", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing of this file was written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("good.csv: addresses: added 1, changed 0, unchanged 0, rejected 0", after.LastLine);
    }

    [Fact]
    public async Task PlacesImport_UnknownKindOption_Exits1()
    {
        var file = _dir.Write("a.csv", Header + "\n" + Row + "\n");

        var result = await CliProcess.RunAsync(_dir.Path, "places", "import", "--db", "p.db", "--kind", "roads", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("roads", result.Stderr, StringComparison.Ordinal);
    }
}
