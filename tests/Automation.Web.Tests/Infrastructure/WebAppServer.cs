using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Web.Tests.Infrastructure;

/// <summary>
/// The real server on a real Kestrel port of 127.0.0.1 (a browser cannot reach a TestServer), over a temporary data
/// folder, serving the web app built in designer/dist.
/// </summary>
public sealed class WebAppServer : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Initial-Admin-Pass-1";
    public const string UserPassword = "User-Pass-Word-1";

    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private HttpClient? _admin;
    private readonly string _dataDirectory;

    // A folder the test passed in outlives this server (a restart test starts a second server on it).
    private readonly bool _ownsDataDirectory;

    public WebAppServer()
        : this(null)
    {
    }

    /// <summary>A server over <paramref name="dataDirectory"/>, which is kept when the server stops (null: a new temporary folder, deleted).</summary>
    public WebAppServer(string? dataDirectory)
    {
        _ownsDataDirectory = dataDirectory is null;
        _dataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "automation-web-tests", Guid.NewGuid().ToString("N"));
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The data folder (SQLite file, keys, evidence, logs).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// The built web app; tools/test.sh and tools/run.sh build it with npm. AUTOMATION_TEST_WEBAPP_DIR points
    /// elsewhere, so a helper can test its own build while designer/dist belongs to someone else's.
    /// </summary>
    public static string WebAppDirectory =>
        Environment.GetEnvironmentVariable("AUTOMATION_TEST_WEBAPP_DIR") is { Length: > 0 } directory ? directory : Path.Combine(Repository.Root, "designer", "dist");

    /// <summary>http://127.0.0.1:port, once started.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        if (!File.Exists(Path.Combine(WebAppDirectory, "index.html")))
        {
            throw new InvalidOperationException($"The web app is not built: {WebAppDirectory}/index.html is missing. Run designer/build.sh (tools/test.sh does).");
        }

        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Creates a user with <paramref name="roles"/> through the admin API (password <see cref="UserPassword"/>).</summary>
    public async Task CreateUserAsync(string userName, bool mustChangePassword, params string[] roles)
    {
        var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/users", new { userName, password = UserPassword, roles, mustChangePassword });
        if (!created.IsSuccessStatusCode && created.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Creating user {userName} failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
    }

    // One administrator session for the whole run: signing in again for every user would cost a password hash each time.
    private async Task<HttpClient> AdminAsync()
    {
        await _adminLock.WaitAsync();
        try
        {
            if (_admin is not null)
            {
                return _admin;
            }

            var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
            var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = AdminPassword });
            login.EnsureSuccessStatusCode();
            var me = await login.Content.ReadFromJsonAsync<JsonObject>();
            if (me?["mustChangePassword"]?.GetValue<bool>() == true)
            {
                var change = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AdminPassword, newPassword = AdminPassword + "!" });
                change.EnsureSuccessStatusCode();
            }

            return _admin = client;
        }
        finally
        {
            _adminLock.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dataDirectory);
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Automation:DataDirectory"] = _dataDirectory,
            ["Automation:SeedDemoData"] = "false",
            ["Automation:DemoWorkflowsDirectory"] = Path.Combine(Repository.Root, "workflows"),
            ["Automation:InitialAdminPassword"] = AdminPassword,
            ["Automation:WebAppDirectory"] = WebAppDirectory,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _admin?.Dispose();
            _adminLock.Dispose();
            if (!_ownsDataDirectory)
            {
                return;
            }

            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be open for a moment; the OS cleans the temp folder later.
            }
        }
    }
}
