using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Tests.Csv;

public sealed class CsvWriteTests(CsvFiles files) : IClassFixture<CsvFiles>
{
    [Theory]
    [InlineData("windows-1252", ";")]
    [InlineData("utf-8-bom", ",")]
    [InlineData("utf-8", "tab")]
    public async Task Execute_RowsWrittenThenRead_RoundTrip(string encoding, string delimiter)
    {
        var path = files.PathOf($"roundtrip-{encoding}-{(delimiter == "tab" ? "tab" : delimiter == ";" ? "semi" : "comma")}.csv");
        var rows = new JsonArray
        {
            new JsonObject { ["id"] = 1, ["name"] = "Søren \"Sølle\" Ærø", ["note"] = "a;b,c\td", ["amount"] = 12.5, ["active"] = true },
            new JsonObject { ["id"] = 2, ["name"] = "Åse", ["note"] = "to\nlinjer", ["amount"] = -3, ["active"] = false },
            new JsonObject { ["id"] = 3, ["name"] = "Ib", ["note"] = null, ["amount"] = 0, ["active"] = false },
        };
        using var host = new TestHost();

        var written = await host.RunAsync(
            CsvFiles.WriteFlow(new JsonObject { ["path"] = path, ["encoding"] = encoding, ["delimiter"] = delimiter, ["columns"] = new JsonArray("id", "name", "note", "amount", "active") }),
            new JsonObject { ["rows"] = rows });
        Assert.True(written.Status == InstanceStatus.Finished, written.Incident?.Message);
        var read = await host.RunAsync(CsvFiles.ReadFlow(new JsonObject
        {
            ["path"] = path,
            ["encoding"] = encoding == "utf-8-bom" ? "utf-8" : encoding,
            ["delimiter"] = delimiter,
            ["types"] = new JsonObject { ["id"] = "integer", ["amount"] = "number", ["active"] = "boolean" },
            ["decimalSeparator"] = ".",
        }));

        Assert.True(read.Status == InstanceStatus.Finished, read.Incident?.Message);
        var back = (await host.Store.GetInstanceAsync(read.InstanceId, CancellationToken.None))!.State.Variables["result"]!["rows"]!.AsArray();
        Assert.Equal(3, back.Count);
        Assert.Equal("Søren \"Sølle\" Ærø", back[0]!["name"]!.GetValue<string>());
        Assert.Equal("a;b,c\td", back[0]!["note"]!.GetValue<string>());
        Assert.Equal(12.5m, back[0]!["amount"]!.GetValue<decimal>());
        Assert.True(back[0]!["active"]!.GetValue<bool>());
        Assert.Equal("to\nlinjer", back[1]!["note"]!.GetValue<string>());
        Assert.Equal(-3m, back[1]!["amount"]!.GetValue<decimal>());
        Assert.Equal("", back[2]!["note"]!.GetValue<string>());
        Assert.Equal(3, back[2]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Execute_HeaderNamesAndWindows1252_WritesTheBytesAnOldSystemExpects()
    {
        var path = files.PathOf("export-1252.csv");
        using var host = new TestHost();

        var result = await host.RunAsync(
            CsvFiles.WriteFlow(new JsonObject { ["path"] = path, ["encoding"] = "windows-1252", ["columns"] = new JsonObject { ["city"] = "Bopæl", ["name"] = "Navn" } }),
            new JsonObject { ["rows"] = new JsonArray(new JsonObject { ["name"] = "Ærø", ["city"] = "Århus", ["ignored"] = "x" }) });

        Assert.True(result.Status == InstanceStatus.Finished, result.Incident?.Message);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("Bopæl;Navn\r\nÅrhus;Ærø\r\n", Encoding.GetEncoding(1252).GetString(bytes));
        Assert.Equal(0xC5, bytes["Bopæl;Navn\r\n".Length]);
    }

    [Fact]
    public async Task Execute_ExistingFile_IsReplacedWithoutLeavingTemporaryFiles()
    {
        var folder = Path.Combine(files.Folder, "replace");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "out.csv");
        await File.WriteAllTextAsync(path, "old content that is longer than the new one\n");
        using var host = new TestHost();

        var result = await host.RunAsync(
            CsvFiles.WriteFlow(new JsonObject { ["path"] = path }),
            new JsonObject { ["rows"] = new JsonArray(new JsonObject { ["a"] = 1, ["b"] = "x" }) });

        Assert.True(result.Status == InstanceStatus.Finished, result.Incident?.Message);
        Assert.Equal("a;b\r\n1;x\r\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(folder));
        Assert.Contains(host.Log.Lines, l => l.Contains("Wrote 1 rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_FolderMissing_FaultsNamingTheFolder()
    {
        var path = Path.Combine(files.Folder, "no-such-folder", "out.csv");
        using var host = new TestHost();

        var result = await host.RunAsync(CsvFiles.WriteFlow(new JsonObject { ["path"] = path }), new JsonObject { ["rows"] = new JsonArray() });

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("no-such-folder' does not exist", result.Incident!.Message, StringComparison.Ordinal);
    }
}
