using System.Globalization;
using Automation.FhirTestServer;

// Standalone: `dotnet run --project tools/Automation.FhirTestServer -- 8090` serves FHIR R4 at http://127.0.0.1:8090/fhir/.
var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8090;
await using var server = await FhirTestServer.StartAsync(port, CancellationToken.None);
Console.WriteLine($"FHIR R4 test server listening at {server.BaseUrl} (Ctrl+C stops it)");
await server.WaitForShutdownAsync(CancellationToken.None);
