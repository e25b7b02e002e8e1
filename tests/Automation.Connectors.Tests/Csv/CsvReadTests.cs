using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Csv;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Csv;

public sealed class CsvReadTests(CsvFiles files) : IClassFixture<CsvFiles>
{
    private static readonly Encoding Windows1252 = CodePages(1252);

    [Fact]
    public async Task Execute_Windows1252WithSemicolonsAndHeaderMapping_ReadsDanishLettersAndTypedValues()
    {
        var path = files.PathOf("borgere-1252.csv");
        await File.WriteAllTextAsync(path, "Navn;Fødselsdato;Beløb;Bopæl\r\nSøren Ærø;03-02-1961;1.234,50;Århus\r\nÅse Øster;1999-12-31;-7,25;Næstved\r\n", Windows1252);
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject
        {
            ["path"] = path,
            ["encoding"] = "windows-1252",
            ["columns"] = new JsonObject { ["name"] = "Navn", ["born"] = "Fødselsdato", ["amount"] = "Beløb", ["city"] = "bopæl" },
            ["types"] = new JsonObject { ["born"] = "date", ["amount"] = "number" },
        }));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var read = await ResultAsync(host, result);
        Assert.Equal(2, read["rowCount"]!.GetValue<int>());
        var first = read["rows"]![0]!;
        Assert.Equal("Søren Ærø", first["name"]!.GetValue<string>());
        Assert.Equal("1961-02-03", first["born"]!.GetValue<string>());
        Assert.Equal(1234.50m, first["amount"]!.GetValue<decimal>());
        Assert.Equal("Århus", first["city"]!.GetValue<string>());
        Assert.Equal("1999-12-31", read["rows"]![1]!["born"]!.GetValue<string>());
        Assert.Equal(-7.25m, read["rows"]![1]!["amount"]!.GetValue<decimal>());
        Assert.Contains(host.Log.Lines, l => l.Contains("Read 2 rows", StringComparison.Ordinal) && l.Contains("delimiter ';'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_Utf8WithByteOrderMark_MatchesTheFirstHeaderAndReadsTheText()
    {
        var path = files.PathOf("bom.csv");
        await File.WriteAllTextAsync(path, "Id,Navn,Aktiv\n1,Ærlige Åge,ja\n2,Bøje,nej\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject
        {
            ["path"] = path,
            ["columns"] = new JsonObject { ["id"] = "Id", ["name"] = "Navn", ["active"] = "Aktiv" },
            ["types"] = new JsonObject { ["id"] = "integer", ["active"] = "boolean" },
        }));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var rows = (await ResultAsync(host, result))["rows"]!.AsArray();
        Assert.Equal(1, rows[0]!["id"]!.GetValue<long>());
        Assert.Equal("Ærlige Åge", rows[0]!["name"]!.GetValue<string>());
        Assert.True(rows[0]!["active"]!.GetValue<bool>());
        Assert.False(rows[1]!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Execute_TabSeparatedWithoutMapping_NamesFieldsByHeader()
    {
        var path = files.PathOf("tabs.tsv");
        await File.WriteAllTextAsync(path, "kode\tnavn, fuldt\nA1\tKlinik, Nord\n");
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject { ["path"] = path }));

        var row = (await ResultAsync(host, result))["rows"]![0]!;
        Assert.Equal("A1", row["kode"]!.GetValue<string>());
        Assert.Equal("Klinik, Nord", row["navn, fuldt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_BadRowsByDefault_FaultsListingEachLineAndReason()
    {
        var path = await WriteBadRowsAsync("bad-fail.csv");
        using var host = new TestHost();

        var result = await host.RunAsync(BadRowsFlow(path, onBadRow: null));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var message = result.Incident!.Message;
        Assert.Contains("3 bad rows", message, StringComparison.Ordinal);
        Assert.Contains("line 3: has 2 fields, but the header has 3", message, StringComparison.Ordinal);
        Assert.Contains("line 5: amount ('Beløb') '12x' is not a number", message, StringComparison.Ordinal);
        Assert.Contains("line 6: date ('Dato') '31-02-2024' is not a date", message, StringComparison.Ordinal);
        Assert.Contains("onBadRow", message, StringComparison.Ordinal);
        Assert.DoesNotContain("010203-1234", message, StringComparison.Ordinal);
        var instance = await host.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None);
        Assert.Null(instance!.State.Variables["result"]);
    }

    [Fact]
    public async Task Execute_BadRowsWithSkip_ReturnsTheGoodRowsAndReportsTheBadOnes()
    {
        var path = await WriteBadRowsAsync("bad-skip.csv");
        using var host = new TestHost();

        var result = await host.RunAsync(BadRowsFlow(path, onBadRow: "skip"));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var read = await ResultAsync(host, result);
        Assert.Equal(2, read["rowCount"]!.GetValue<int>());
        Assert.Equal(["Anna", "Dorte"], read["rows"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        var bad = read["badRows"]!.AsArray();
        Assert.Equal([3L, 5L, 6L], bad.Select(b => b!["line"]!.GetValue<long>()));
        Assert.Contains("has 2 fields", bad[0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("is not a number", bad[1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("is not a date", bad[2]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The raw text of a bad row keeps its shape, but a CPR number in it is masked.
        Assert.Equal("Bent 010203-1234;7,5", bad[0]!["raw"]!.GetValue<string>().Replace("******-****", "010203-1234", StringComparison.Ordinal));
        Assert.DoesNotContain("010203-1234", bad[0]!["raw"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(host.Log.Lines, l => l.Contains("3 bad rows skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_BrokenQuotingWithSkip_ReportsTheRowAndReadsTheRest()
    {
        var path = files.PathOf("quotes.csv");
        await File.WriteAllTextAsync(path, "Navn;By\n\"Anna\";Vejle\nBo\"b;Ry\n\"Ib; Jensen\";Aars\n");
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject { ["path"] = path, ["onBadRow"] = "skip" }));

        var read = await ResultAsync(host, result);
        Assert.Equal(["Anna", "Ib; Jensen"], read["rows"]!.AsArray().Select(r => r!["Navn"]!.GetValue<string>()));
        var bad = Assert.Single(read["badRows"]!.AsArray())!;
        Assert.Equal(3, bad["line"]!.GetValue<long>());
        Assert.Contains("quote", bad["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Bo\"b;Ry", bad["raw"]!.GetValue<string>());
    }

    [Fact]
    public async Task Execute_MappedHeaderMissing_FaultsNamingTheColumnsTheFileHas()
    {
        var path = files.PathOf("missing-header.csv");
        await File.WriteAllTextAsync(path, "Navn;By\nAnna;Vejle\n");
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject { ["path"] = path, ["columns"] = new JsonObject { ["cpr"] = "CPR-nummer" } }));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'CPR-nummer'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("its columns are 'Navn', 'By'", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_HundredThousandRows_ReadsEveryRowQuickly()
    {
        const int count = 100_000;
        var path = files.PathOf("large.csv");
        var text = new StringBuilder("Id;Navn;Beløb;Dato\r\n");
        for (var i = 1; i <= count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i};Navn {i} æøå;{i % 1000},{i % 100:00};{1 + (i % 28):00}-{1 + (i % 12):00}-2025\r\n");
        }

        await File.WriteAllTextAsync(path, text.ToString(), Windows1252);
        using var host = new TestHost();
        var flow = CsvFiles.ReadFlow(new JsonObject
        {
            ["path"] = path,
            ["encoding"] = "windows-1252",
            ["columns"] = new JsonObject { ["id"] = "Id", ["name"] = "Navn", ["amount"] = "Beløb", ["date"] = "Dato" },
            ["types"] = new JsonObject { ["id"] = "integer", ["amount"] = "number", ["date"] = "date:dd-MM-yyyy" },
        });

        var clock = Stopwatch.StartNew();
        var result = await host.RunAsync(flow);
        clock.Stop();

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var read = await ResultAsync(host, result);
        Assert.Equal(count, read["rowCount"]!.GetValue<int>());
        Assert.Empty(read["badRows"]!.AsArray());
        var rows = read["rows"]!.AsArray();
        foreach (var i in new[] { 1, 54_321, count })
        {
            var row = rows[i - 1]!;
            Assert.Equal(i, row["id"]!.GetValue<long>());
            Assert.Equal($"Navn {i} æøå", row["name"]!.GetValue<string>());
            Assert.Equal((i % 1000) + ((i % 100) / 100m), row["amount"]!.GetValue<decimal>());
            Assert.Equal($"2025-{1 + (i % 12):00}-{1 + (i % 28):00}", row["date"]!.GetValue<string>());
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"reading {count} rows took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("a;b;c", ';')]
    [InlineData("a,b,c", ',')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("\"x;y\",b,c", ',')]
    [InlineData("kode\tnavn, fuldt", '\t')]
    [InlineData("single", ';')]
    public void Detect_HeaderLine_PicksTheSeparatorUsedOutsideQuotes(string header, char expected) =>
        Assert.Equal(expected, CsvDelimiters.Detect(header));

    private async Task<string> WriteBadRowsAsync(string name)
    {
        var path = files.PathOf(name);
        await File.WriteAllTextAsync(path, string.Join("\n",
            "Navn;Beløb;Dato",
            "Anna;10,5;01-02-2024",
            "Bent 010203-1234;7,5",
            "Dorte;3;2024-03-04",
            "Erik;12x;05-06-2024",
            "Frida;1;31-02-2024",
            ""));
        return path;
    }

    private static Engine.Definitions.WorkflowDefinition BadRowsFlow(string path, string? onBadRow)
    {
        var inputs = new JsonObject
        {
            ["path"] = path,
            ["columns"] = new JsonObject { ["name"] = "Navn", ["amount"] = "Beløb", ["date"] = "Dato" },
            ["types"] = new JsonObject { ["amount"] = "number", ["date"] = "date" },
        };
        if (onBadRow is not null)
        {
            inputs["onBadRow"] = onBadRow;
        }

        return CsvFiles.ReadFlow(inputs);
    }

    private static async Task<JsonObject> ResultAsync(TestHost host, RunResult result)
    {
        Assert.True(result.Status == InstanceStatus.Finished, result.Incident?.Message);
        var instance = await host.Store.GetInstanceAsync(result.InstanceId, CancellationToken.None);
        return instance!.State.Variables["result"]!.AsObject();
    }

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
