using System.Globalization;
using Automation.FhirTestServer.Api;
using Automation.FhirTestServer.Failures;
using Automation.FhirTestServer.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Automation.FhirTestServer;

/// <summary>
/// A small in-memory FHIR R4 server on 127.0.0.1 for tests and local trials, built on the Hl7 model and its official
/// JSON (de)serializer: read, search with paging, create and conditional create, update and transaction bundles,
/// OperationOutcome errors, and failures injected through <see cref="Control"/>.
/// </summary>
public sealed class FhirTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ResourceStore _store;

    private FhirTestServer(WebApplication app, ResourceStore store, FhirServerControl control, Uri baseUrl)
    {
        _app = app;
        _store = store;
        Control = control;
        BaseUrl = baseUrl;
    }

    /// <summary>The FHIR base, for example <c>http://127.0.0.1:41234/fhir/</c> (with the trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Injects failures and shows the requests that arrived.</summary>
    public FhirServerControl Control { get; }

    /// <summary>Starts a server on 127.0.0.1; port 0 picks a free one.</summary>
    public static async Task<FhirTestServer> StartAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var app = builder.Build();

        var store = new ResourceStore(TimeProvider.System);
        var control = new FhirServerControl();
        app.Use(async (context, next) =>
        {
            if (control.Take() is not { } failure || !await failure.ApplyAsync(context))
            {
                await next(context);
            }

            control.Record($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} → {context.Response.StatusCode}");
        });
        app.MapFhirApi(store);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FhirTestServer(app, store, control, new Uri(address.TrimEnd('/') + "/fhir/"));
    }

    /// <summary>How many resources of <paramref name="resourceType"/> are stored (current versions).</summary>
    public int Count(string resourceType) => _store.Count(resourceType);

    /// <summary>Stores a resource directly, as test setup, and returns the id it got.</summary>
    /// <exception cref="ArgumentException">The JSON is not a valid FHIR R4 resource.</exception>
    public string Add(string resourceJson)
    {
        if (!FhirWire.TryParse(resourceJson, out var resource, out var error))
        {
            throw new ArgumentException($"Not a valid FHIR R4 resource: {error}", nameof(resourceJson));
        }

        return _store.Run(session => (session.Create(resource!).Id, true));
    }

    /// <summary>The stored resource as FHIR JSON, or null when there is none.</summary>
    public string? Get(string resourceType, string id) =>
        _store.Run(session => (session.Read(resourceType, id) is { } stored ? FhirWire.Serialize(stored.Resource) : null, false));

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
