using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Connectors.Tests.Reconciliation;

/// <summary>The two workflows shipped in workflows/ run as they are, against real services on 127.0.0.1.</summary>
public sealed class ShippedWorkflowTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shipped-").FullName;

    [Fact]
    public async Task TransportOrdersToFhir_SameFileTwice_CreatesEachServiceRequestOnce()
    {
        await using var server = await FhirTestServer.FhirTestServer.StartAsync(0, CancellationToken.None);
        using var host = new TestHost(new ConnectionDefinition { Name = "fhir", Kind = ConnectionKind.Fhir, BaseUrl = server.BaseUrl });
        var file = Path.Combine(_folder, "orders.csv");
        // As the old transport system writes it: Windows-1252, semicolons, Danish dates; one row has a bad date.
        await File.WriteAllTextAsync(file, """
            Ordrenr;CPR;Afhentningsadresse;Destination;Dato;Transporttype
            T-1001;0101501234;Nørregade 5, 2. th.;Aarhus Universitetshospital;05-12-2026;Liggende
            T-1002;0202602345;Åboulevarden 9;Regionshospitalet Randers;06-12-2026;Siddende
            T-1003;0303703456;Søndre Allé 3;Aarhus Universitetshospital;32-12-2026;Kørestol
            T-1004;0404804567;Kongevej 12;Regionshospitalet Viborg;07-12-2026;Siddende
            """.Replace("\r\n", "\n", StringComparison.Ordinal), Encoding.Latin1);
        var definition = TestHost.Parse(await File.ReadAllTextAsync(Shipped("transport-orders-to-fhir.json")));

        var first = await host.RunAsync(definition, new JsonObject { ["file"] = file });
        var second = await host.RunAsync(definition, new JsonObject { ["file"] = file });

        Assert.Equal(InstanceStatus.Finished, first.Status);
        Assert.Equal(3, server.Count("ServiceRequest"));
        Assert.Equal("""{"created":3,"existing":0,"badRows":1}""", first.Output.ToJsonString());
        Assert.Equal(InstanceStatus.Finished, second.Status);
        Assert.Equal("""{"created":0,"existing":3,"badRows":1}""", second.Output.ToJsonString());
        Assert.Contains("3 orders read: 0 ServiceRequests created, 3 already there, 1 bad rows skipped", host.Log.Lines);
    }

    [Fact]
    public async Task ReferralAddressReconciliation_SqlAndRestSystems_ReportsTheDrift()
    {
        var database = Path.Combine(_folder, "referrals.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE referrals (referral_no TEXT, patient_address TEXT, postal_code TEXT, phone TEXT, status TEXT);
                INSERT INTO referrals VALUES
                  ('H-1', 'Nørregade 5, 2. th.', '8000', '12345678', 'open'),
                  ('H-2', 'Kongevej 12', '8800', '23456789', 'open'),
                  ('H-3', 'Vestergade 1', '8000', '34567890', 'open'),
                  ('H-9', 'Bredgade 2', '7100', '45678901', 'closed');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var systemB = await StartSystemBAsync(
            """[{"referralNumber": "H-1", "address": "NØRREG. 5, 2.th", "postalCode": "8000", "phone": "+45 12 34 56 78"}, {"referralNumber": "H-2", "address": "Kongevej 14", "postalCode": "8800", "phone": "23456789"}]""",
            """[{"referralNumber": "H-4", "address": "Åvej 9", "postalCode": "8600", "phone": "56789012"}]""");
        using var host = new TestHost(
            new ConnectionDefinition { Name = "systemA", Kind = ConnectionKind.Sqlite, ConnectionString = $"Data Source={database};Pooling=False" },
            new ConnectionDefinition { Name = "systemB", Kind = ConnectionKind.Http, BaseUrl = systemB.BaseUrl });
        var definition = TestHost.Parse(await File.ReadAllTextAsync(Shipped("referral-address-reconciliation.json")));
        var reports = Path.Combine(_folder, "reports");

        var result = await host.RunAsync(definition, new JsonObject { ["reportFolder"] = reports });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(
            """{"a":3,"b":3,"matched":1,"differing":1,"onlyInA":1,"onlyInB":1,"duplicateKeysA":0,"duplicateKeysB":0}""",
            result.Output["counts"]!.ToJsonString());
        Assert.Contains(
            "Referral addresses: 1 agree, 1 differ, 1 only in the referral system, 1 only in transport booking, 0 referral numbers registered twice",
            host.Log.Lines);
        var report = Assert.Single(Directory.GetFiles(reports, "referral-addresses-*.csv"));
        Assert.Equal(
            "kind;key;field;Henvisningssystem;Kørselsbestilling\r\n"
            + "differing;H-2;patient_address;Kongevej 12;Kongevej 14\r\n"
            + "onlyInA;H-3;;;\r\n"
            + "onlyInB;H-4;;;\r\n",
            await File.ReadAllTextAsync(report));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The file in the repository's workflows/ folder, found from this source file (builds may live anywhere, such as /tmp).</summary>
    private static string Shipped(string name, [CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "workflows", name);
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"workflows/{name} was not found above {source}.");
    }

    /// <summary>System B's REST API: GET /api/referrals?status=open&amp;page=N&amp;pageSize=M answers {items: [...]}, page by page, then an empty page.</summary>
    private static async Task<SystemB> StartSystemBAsync(params string[] pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/api/referrals", (HttpContext http) =>
        {
            var status = http.Request.Query["status"].ToString();
            var page = int.Parse(http.Request.Query["page"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var items = status == "open" && page >= 1 && page <= pages.Length ? pages[page - 1] : "[]";
            return Results.Text($$"""{"items": {{items}}}""", "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SystemB(app, new Uri(address));
    }

    private sealed record SystemB(WebApplication App, Uri BaseUrl) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
