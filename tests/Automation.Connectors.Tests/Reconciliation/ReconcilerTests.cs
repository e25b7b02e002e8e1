using System.Diagnostics;
using System.Text.Json.Nodes;
using Automation.Connectors.Reconciliation;
using Automation.Engine.Runtime;
using Xunit.Abstractions;

namespace Automation.Connectors.Tests.Reconciliation;

public sealed class ReconcilerTests(ITestOutputHelper output)
{
    private static readonly ReconciliationSpec PlantedSpec = new()
    {
        KeyA = ["id"],
        KeyB = ["nr"],
        Fields =
        [
            new FieldMapping("name", "navn", Normalization.Trim | Normalization.Whitespace | Normalization.Case | Normalization.Danish),
            new FieldMapping("address", "adresse", Normalization.Address | Normalization.Danish),
            new FieldMapping("phone", "telefon", Normalization.Phone),
            new FieldMapping("born", "foedt", Normalization.Date),
        ],
    };

    [Fact]
    public void Run_HundredThousandEachWithPlantedDifferences_FindsExactlyThose()
    {
        // 99,000 people in both, 1,000 only in A, 800 only in B: 100,000 vs 99,800 records.
        var planted = new PlantedRecords(common: 99_000, onlyInA: 1_000, onlyInB: 800, differing: 1_500, cosmetic: 200);
        var a = new JsonRecordSet(planted.A, "A");
        var b = new JsonRecordSet(planted.B, "B");

        var clock = Stopwatch.StartNew();
        var result = Reconciler.Run(a, b, PlantedSpec, CancellationToken.None);
        clock.Stop();
        output.WriteLine($"{planted.A.Count:N0} vs {planted.B.Count:N0} records reconciled in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(99_000 - 1_500, result.Matched);
        Assert.Equal(planted.OnlyInA, result.OnlyInA.Select(i => a.GetText(i, a.FieldIndex("id"))));
        Assert.Equal(planted.OnlyInB.Order(StringComparer.Ordinal), result.OnlyInB.Select(i => b.GetText(i, b.FieldIndex("nr"))).Order(StringComparer.Ordinal));
        var found = result.Differing.ToDictionary(
            d => a.GetText(d.A, a.FieldIndex("id"))!,
            d => string.Join(",", d.Fields.Select(f => PlantedSpec.Fields[f].A)));
        Assert.Equal(planted.Differing.OrderBy(p => p.Key, StringComparer.Ordinal), found.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Empty(result.DuplicateKeysA);
        Assert.Empty(result.DuplicateKeysB);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Reconciling took {clock.Elapsed}; it should take well under a few seconds.");
    }

    [Fact]
    public void Run_DuplicateKeys_ReportsThemAndLeavesThemOutOfMatching()
    {
        var a = Records("""[{"id": "1", "v": "x"}, {"id": "1", "v": "y"}, {"id": "2", "v": "z"}, {"id": "3", "v": "w"}]""");
        var b = Records("""[{"id": "1", "v": "x"}, {"id": "2", "v": "z"}, {"id": "2", "v": "q"}, {"id": " 3", "v": "w"}, {"id": "2", "v": "r"}]""");

        var result = Reconciler.Run(a, b, Spec("v"), CancellationToken.None);

        var duplicateA = Assert.Single(result.DuplicateKeysA);
        Assert.Equal("1", duplicateA.Key);
        Assert.Equal([0, 1], duplicateA.Records);
        var duplicateB = Assert.Single(result.DuplicateKeysB);
        Assert.Equal("2", duplicateB.Key);
        Assert.Equal([1, 2, 4], duplicateB.Records);
        Assert.Equal(1, result.Matched);
        Assert.Empty(result.OnlyInA);
        Assert.Empty(result.OnlyInB);
        Assert.Empty(result.Differing);
    }

    [Fact]
    public void Run_CompositeKey_JoinsOnAllParts()
    {
        var a = Records("""[{"cpr": "0101", "date": "2026-01-05", "v": "a"}, {"cpr": "0101", "date": "2026-02-05", "v": "b"}]""");
        var b = Records("""[{"cpr": "0101", "date": "2026-02-05", "v": "B"}, {"cpr": "0101", "date": "2026-03-05", "v": "c"}]""");
        var spec = new ReconciliationSpec
        {
            KeyA = ["cpr", "date"],
            KeyB = ["cpr", "date"],
            Fields = [new FieldMapping("v", "v", Normalization.Case)],
        };

        var result = Reconciler.Run(a, b, spec, CancellationToken.None);

        Assert.Equal(1, result.Matched);
        Assert.Equal([0], result.OnlyInA);
        Assert.Equal([1], result.OnlyInB);
    }

    [Fact]
    public void Run_NullMissingAndEmptyValues_CountAsEqual()
    {
        var a = Records("""[{"id": 1, "v": null}, {"id": 2, "v": ""}, {"id": 3}]""");
        var b = Records("""[{"id": "1", "v": ""}, {"id": "2"}, {"id": "3", "v": null}]""");

        var result = Reconciler.Run(a, b, Spec("v"), CancellationToken.None);

        Assert.Equal(3, result.Matched);
    }

    [Fact]
    public void Run_FieldMissingFromRecords_FaultNamesFieldAndKnownFields()
    {
        var a = Records("""[{"id": "1", "adresse": "x"}]""");
        var b = Records("""[{"id": "1", "address": "x"}]""");

        var fault = Assert.Throws<WorkflowFaultException>(() => Reconciler.Run(a, b, Spec("address"), CancellationToken.None));

        Assert.Contains("no field 'address'", fault.Message, StringComparison.Ordinal);
        Assert.Contains("'adresse'", fault.Message, StringComparison.Ordinal);
    }

    private static ReconciliationSpec Spec(string field) => new()
    {
        KeyA = ["id"],
        KeyB = ["id"],
        Fields = [new FieldMapping(field, field, Normalization.None)],
    };

    private static JsonRecordSet Records(string json) => new((JsonArray)JsonNode.Parse(json)!, "test");
}
