using System.Globalization;
using Automation.LegacyWeb.Admin;
using Automation.LegacyWeb.Control;
using Automation.LegacyWeb.Pages;
using Automation.LegacyWeb.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Automation.LegacyWeb;

/// <summary>
/// An old-fashioned, server-rendered web system for robots to drive: variant A (referrals arrive) or B (referrals are
/// registered). Start it in-process with <see cref="StartAsync(LegacyOptions, CancellationToken)"/> or as a program.
/// </summary>
public sealed class LegacySystem : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LegacySystem(WebApplication app, LegacyVariant variant, LegacyControl control, Uri baseUrl)
    {
        _app = app;
        Variant = variant;
        Control = control;
        BaseUrl = baseUrl;
    }

    /// <summary>For example <c>http://127.0.0.1:41234/</c> (with the trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Which system this is.</summary>
    public LegacyVariant Variant { get; }

    /// <summary>Where a logged-in user lands: <c>/henvisninger</c> (A) or <c>/registrering</c> (B).</summary>
    public string HomePath => Variant == LegacyVariant.A ? "/henvisninger" : "/registrering";

    /// <summary>Name of the session cookie: <c>HENV_SESSION</c> (A) or <c>PAS_SESSION</c> (B).</summary>
    public string SessionCookieName => Variant == LegacyVariant.A ? "HENV_SESSION" : "PAS_SESSION";

    /// <summary>Seeding, records and fault switches.</summary>
    public LegacyControl Control { get; }

    /// <summary>Starts a system on 127.0.0.1 with the default user <c>robot</c>/<c>Robot-Pass-1</c>; port 0 picks a free one.</summary>
    public static Task<LegacySystem> StartAsync(LegacyVariant variant, string dataDirectory, int port, CancellationToken cancellationToken) =>
        StartAsync(
            new LegacyOptions { Variant = variant, DataDirectory = dataDirectory, Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}") },
            cancellationToken);

    /// <summary>Starts a system as <paramref name="options"/> say.</summary>
    public static async Task<LegacySystem> StartAsync(LegacyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);
        Directory.CreateDirectory(options.DataDirectory);
        var file = Path.Combine(options.DataDirectory, options.Variant == LegacyVariant.A ? "legacy-a.db" : "legacy-b.db");
        var state = new LegacyState(options, new LegacyStore(file));
        var control = new LegacyControl(state);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            var (delay, fail) = state.Faults.Draw();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (fail)
            {
                await ServerError.Page().ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        app.MapLoginPages(state);
        if (options.Variant == LegacyVariant.A)
        {
            app.MapReferralPages(state);
        }
        else
        {
            app.MapRegistrationPages(state);
        }

        app.MapAdminApi(state, control);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LegacySystem(app, options.Variant, control, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Waits until the host stops (Ctrl+C when run as a program).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
