using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Infrastructure;

/// <summary>
/// One server and one headless Chromium (Debian's /usr/bin/chromium; Playwright's own download is never used) for
/// every browser test. Each test opens its own browser context, so cookies and localStorage never leak between tests.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WebAppServer Server { get; } = new();

    /// <summary>Screenshots of the pages the tests visit, beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; install Debian's chromium package (tools/test.sh does).");
        }

        Server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context and page on the app's address; every request it makes is recorded.</summary>
    public Task<AppPage> OpenAsync() => OpenAsync(Server.BaseAddress);

    /// <summary>A fresh browser context and page on another server's address (a test that starts its own server).</summary>
    public async Task<AppPage> OpenAsync(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(10_000);
        var requests = new ConcurrentQueue<string>();
        context.Request += (_, request) => requests.Enqueue(request.Url);
        var page = await context.NewPageAsync();
        return new AppPage(context, page, requests);
    }

    /// <summary>A page signed in (through the sign-in API, sharing the context's cookie) as a new user with <paramref name="roles"/>, showing <paramref name="path"/>.</summary>
    public async Task<AppPage> OpenSignedInAsync(string userName, string[] roles, string path = "/")
    {
        await Server.CreateUserAsync(userName, mustChangePassword: false, roles);
        var app = await OpenAsync();
        var login = await app.Context.APIRequest.PostAsync("/api/auth/login", new APIRequestContextOptions { DataObject = new { userName, password = WebAppServer.UserPassword } });
        if (!login.Ok)
        {
            throw new InvalidOperationException($"Signing {userName} in failed: {login.Status} {await login.TextAsync()}");
        }

        await app.Page.GotoAsync(path);
        return app;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A test's browser context and page, with every URL the page requested.</summary>
public sealed class AppPage(IBrowserContext context, IPage page, ConcurrentQueue<string> requests) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public IReadOnlyCollection<string> Requests => requests;

    /// <summary>Saves a full-page screenshot as screenshots/<paramref name="name"/>.png beside the test assembly.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebAppFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app";
}
