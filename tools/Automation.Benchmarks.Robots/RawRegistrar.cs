using System.Collections.Concurrent;
using Automation.Robots.Web.Driver;
using Microsoft.Playwright;

namespace Automation.Benchmarks.Robots;

/// <summary>
/// The hand-written baseline: Microsoft.Playwright directly, the same Chromium and flags as the web driver, and the
/// same steps as the robot workflow: a fresh browser context per referral starting from the saved sign-in, the same
/// clicks and fills, each value read back after leaving the field, the confirm() accepted only when it is the
/// expected one, and the journal number read from the receipt.
/// </summary>
internal sealed class RawRegistrar : IRegistrar, IAsyncDisposable
{
    private const float TimeoutMs = 10_000;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ConcurrentDictionary<string, string> _signedIn = new();

    private RawRegistrar(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public string Name => "raw";

    public static async Task<RawRegistrar> StartAsync()
    {
        var options = new WebRobotOptions();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.ExecutablePath,
            Headless = options.Headless,
            Args = options.Args,
        });
        return new RawRegistrar(playwright, browser);
    }

    public async Task<string> RegisterAsync(BTarget b, Record record, CancellationToken cancellationToken)
    {
        var saved = _signedIn.GetValueOrDefault(b.TargetName);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { StorageState = saved, AcceptDownloads = true });
        try
        {
            context.SetDefaultTimeout(TimeoutMs);
            var page = await context.NewPageAsync();
            var dialogSeen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Dialog += async (_, dialog) =>
            {
                var expected = dialog.Message.Contains("Vil du gemme registreringen?", StringComparison.Ordinal);
                if (expected)
                {
                    await dialog.AcceptAsync();
                }
                else
                {
                    await dialog.DismissAsync();
                }

                dialogSeen.TrySetResult(expected);
            };

            var logOut = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Log ud", Exact = true });
            var reused = false;
            if (saved is not null)
            {
                await page.GotoAsync(b.BaseUrl.ToString());
                reused = await logOut.CountAsync() == 1;
            }

            if (!reused)
            {
                await page.GotoAsync(new Uri(b.BaseUrl, "login").ToString());
                await FillAsync(page.GetByLabel("Brugernavn", new PageGetByLabelOptions { Exact = true }), "robot");
                await FillAsync(page.GetByLabel("Adgangskode", new PageGetByLabelOptions { Exact = true }), "Robot-Pass-1");
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log ind", Exact = true }).ClickAsync();
                await logOut.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                _signedIn[b.TargetName] = await context.StorageStateAsync();
            }

            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Ny registrering", Exact = true }).ClickAsync();
            var frame = await page.Locator("iframe[name=indhold]").ElementHandleAsync() is { } handle
                ? await handle.ContentFrameAsync() ?? throw new InvalidOperationException("iframe indhold has no frame.")
                : throw new InvalidOperationException("B has no iframe indhold.");
            var referralId = frame.GetByLabel("Henvisnings-id", new FrameGetByLabelOptions { Exact = true });
            await referralId.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            await FillAsync(referralId, record.ReferralId);
            await FillAsync(frame.Locator("input[name=cpr]"), record.Cpr);
            await FillAsync(frame.GetByLabel("Fornavn", new FrameGetByLabelOptions { Exact = true }), record.FirstName);
            await FillAsync(frame.GetByLabel("Efternavn", new FrameGetByLabelOptions { Exact = true }), record.LastName);
            await FillAsync(frame.Locator("input[name=adresse]"), record.Address);
            await FillAsync(frame.Locator("input[name=postnr]"), record.PostalCode);
            await FillAsync(frame.Locator("input[name=by]"), record.City);
            await FillAsync(frame.GetByLabel("Henvisningsdato", new FrameGetByLabelOptions { Exact = true }), record.ReferralDate);
            var chosen = await frame.Locator("select[name=afdeling]").SelectOptionAsync(new SelectOptionValue { Label = record.DepartmentName });
            if (chosen.Count != 1 || chosen[0] != record.DepartmentCode)
            {
                throw new InvalidOperationException($"{record.ReferralId}: the department list shows '{string.Join(", ", chosen)}', not {record.DepartmentCode}.");
            }

            var urgent = frame.GetByLabel("Akut", new FrameGetByLabelOptions { Exact = true });
            await urgent.SetCheckedAsync(record.Urgent);
            if (await urgent.IsCheckedAsync() != record.Urgent)
            {
                throw new InvalidOperationException($"{record.ReferralId}: Akut did not stay {(record.Urgent ? "checked" : "unchecked")}.");
            }

            await frame.GetByRole(AriaRole.Button, new FrameGetByRoleOptions { Name = "Gem", Exact = true }).ClickAsync();
            if (!await dialogSeen.Task.WaitAsync(TimeSpan.FromMilliseconds(TimeoutMs), cancellationToken))
            {
                throw new InvalidOperationException($"{record.ReferralId}: an unexpected dialog appeared and was dismissed.");
            }

            var journal = frame.Locator("#journalnummer");
            await journal.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            return (await journal.InnerTextAsync()).Trim();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>Fills, leaves the field and reads the value back, as the robot's Fill does.</summary>
    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.BlurAsync();
        var actual = await field.InputValueAsync();
        if (!string.Equals(actual, value, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A field holds a different value after writing ({value.Length} characters written, {actual.Length} read back).");
        }
    }
}
