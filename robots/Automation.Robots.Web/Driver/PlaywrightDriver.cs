using System.Collections.Concurrent;
using Automation.Engine.Credentials;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Microsoft.Playwright;

namespace Automation.Robots.Web.Driver;

/// <summary>
/// The <c>web</c> robot driver: one Chromium per process, started on first use, and a fresh browser context per
/// session. The signed-in state of each robot account (target + credential) is kept in memory so later sessions of
/// the same account start signed in.
/// </summary>
public sealed class PlaywrightDriver(WebRobotOptions options) : IRobotDriver, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly ConcurrentDictionary<string, string> _storageStates = new(StringComparer.OrdinalIgnoreCase);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Kind => "web";

    /// <summary>How many browser contexts (one per open session) the browser holds now.</summary>
    public int OpenContexts => _browser?.Contexts.Count ?? 0;

    public async Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var browser = await BrowserAsync(cancellationToken).ConfigureAwait(false);
        var account = AccountKey(target, credential);
        var saved = account is null ? null : _storageStates.GetValueOrDefault(account);
        IBrowserContext context;
        try
        {
            context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = saved, AcceptDownloads = true }).ConfigureAwait(false);
            context.SetDefaultTimeout((float)timeout.TotalMilliseconds);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            return new PlaywrightSession(this, target, credential, account, saved is not null, context, page);
        }
        catch (PlaywrightException ex)
        {
            throw new RobotException($"Chromium could not open a page for '{target.Name}': {ex.Message}", ex);
        }
    }

    /// <summary>Closes the browser when the host is disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        var browser = Interlocked.Exchange(ref _browser, null);
        if (browser is not null)
        {
            await browser.CloseAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _playwright, null)?.Dispose();
    }

    internal void SaveState(string account, string state) => _storageStates[account] = state;

    internal void ForgetState(string account) => _storageStates.TryRemove(account, out _);

    private static string? AccountKey(TargetSystem target, Credential? credential) =>
        credential is null ? null : target.Name + "\n" + credential.Name;

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true })
        {
            return _browser;
        }

        await _start.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (!File.Exists(options.ExecutablePath))
            {
                throw new RobotException($"The web robot's browser '{options.ExecutablePath}' does not exist; install Debian's chromium package (apt-get install chromium) or set Automation:Robots:Web:ExecutablePath.");
            }

            _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ExecutablePath,
                Headless = options.Headless,
                Args = options.Args,
            }).ConfigureAwait(false);
            return _browser;
        }
        catch (PlaywrightException ex)
        {
            throw new RobotException($"Chromium ('{options.ExecutablePath}') did not start: {ex.Message}", ex);
        }
        finally
        {
            _start.Release();
        }
    }
}
