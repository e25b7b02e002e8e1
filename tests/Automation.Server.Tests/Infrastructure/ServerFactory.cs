using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Infrastructure;

/// <summary>
/// The real server over a temporary data folder (its own SQLite file), with a known first administrator password.
/// Signed-in clients go through the real sign-in endpoint, so every test exercises the real authentication.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Initial-Admin-Pass-1";
    public const string UserPassword = "User-Pass-Word-1";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);

    // A folder the test passed in outlives this server (a restart test starts a second server on it).
    private readonly bool _ownsDataDirectory;

    public ServerFactory(string? dataDirectory = null, bool seedDemoData = false)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings["Automation:DataDirectory"] = DataDirectory;
        _settings["Automation:SeedDemoData"] = seedDemoData ? "true" : "false";
        _settings["Automation:DemoWorkflowsDirectory"] = Path.Combine(RepositoryRoot, "workflows");
        _settings["Automation:InitialAdminPassword"] = AdminPassword;
    }

    /// <summary>The data folder (SQLite file, keys, logs); deleted on dispose unless the test owns it.</summary>
    public string DataDirectory { get; }

    /// <summary>Extra services or replacements (for example a fake clock), applied after the server's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    /// <summary>The repository root: above the test assembly, or (when built elsewhere with --artifacts-path) above this source file.</summary>
    public static string RepositoryRoot => FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceDirectory()) ?? throw new InvalidOperationException("Cannot find the repository root (Automation.sln) above the test assembly.");

    private static string? FindRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";

    /// <summary>Sets a configuration value (before the server starts).</summary>
    public ServerFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client signed in as the first administrator (password already changed).</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = AdminPassword });
        if (!login.IsSuccessStatusCode)
        {
            // The password was changed by an earlier call in this test: sign in with the new one.
            login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = AdminPassword + "!" });
            login.EnsureSuccessStatusCode();
            return client;
        }

        var me = await login.Content.ReadFromJsonAsync<JsonObject>();
        if (me?["mustChangePassword"]?.GetValue<bool>() == true)
        {
            var change = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = AdminPassword, newPassword = AdminPassword + "!" });
            change.EnsureSuccessStatusCode();
        }

        return client;
    }

    /// <summary>Creates a user with <paramref name="roles"/> (through the admin API) and returns a client signed in as that user.</summary>
    public async Task<HttpClient> SignedInAsAsync(string userName, params string[] roles)
    {
        using var admin = await AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/users", new { userName, password = UserPassword, roles, mustChangePassword = false });
        if (!created.IsSuccessStatusCode && created.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Creating user {userName} failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = UserPassword });
        login.EnsureSuccessStatusCode();
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services => ConfigureTestServices?.Invoke(services));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be open for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }
}
