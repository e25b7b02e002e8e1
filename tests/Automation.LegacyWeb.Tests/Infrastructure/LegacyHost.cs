using System.Net;
using Automation.LegacyWeb;
using Microsoft.Extensions.Time.Testing;

namespace Automation.LegacyWeb.Tests.Infrastructure;

/// <summary>A real legacy system on 127.0.0.1 with a fake clock for session idle time, in its own temp folder.</summary>
internal sealed class LegacyHost : IAsyncDisposable
{
    public const string User = "robot";
    public const string Password = "Robot-Pass-1";
    public const string AdminSecret = "test-secret";

    private readonly string _directory;
    private readonly List<HttpClient> _clients = [];

    private LegacyHost(LegacySystem system, FakeTimeProvider clock, string directory)
    {
        System = system;
        Clock = clock;
        _directory = directory;
    }

    public LegacySystem System { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<LegacyHost> StartAsync(LegacyVariant variant, Action<LegacyOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "legacyweb-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var options = new LegacyOptions
        {
            Variant = variant,
            DataDirectory = directory,
            IdleTimeout = TimeSpan.FromMinutes(2),
            AdminSecret = AdminSecret,
            TimeProvider = clock,
        };
        configure?.Invoke(options);
        return new LegacyHost(await LegacySystem.StartAsync(options, CancellationToken.None), clock, directory);
    }

    /// <summary>A client that keeps cookies and follows redirects, as a browser would.</summary>
    public HttpClient NewClient(bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects })
        {
            BaseAddress = System.BaseUrl,
            Timeout = TimeSpan.FromSeconds(20),
        };
        _clients.Add(client);
        return client;
    }

    /// <summary>Logs in through the variant's own login form and returns the landing page.</summary>
    public async Task<HttpResponseMessage> LogInAsync(HttpClient client, string password = Password)
    {
        var (userField, passwordField) = System.Variant == LegacyVariant.A ? ("brugernavn", "adgangskode") : ("USR", "PWD");
        return await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { [userField] = User, [passwordField] = password }));
    }

    public async Task<HttpClient> LoggedInClientAsync()
    {
        var client = NewClient();
        using var response = await LogInAsync(client);
        Assert.Equal(System.HomePath, response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await System.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would not be.
        }
    }
}
