using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Automation.LegacyWeb.Faults;
using Automation.LegacyWeb.Tests.Infrastructure;
using Automation.LegacyWeb.Tests.Pages;

namespace Automation.LegacyWeb.Tests.Faults;

public sealed class FaultTests
{
    [Fact]
    public async Task ErrorRate_ThirtyPercent_FailsRoughlyThatShareWithTheErrorPage()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = host.NewClient();
        host.System.Control.SetFaults(new FaultSettings(ErrorRate: 0.3), seed: 7);

        var failures = 0;
        string? errorPage = null;
        for (var i = 0; i < 200; i++)
        {
            using var response = await client.GetAsync("login");
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                failures++;
                errorPage ??= await response.Content.ReadAsStringAsync();
            }
        }

        Assert.InRange(failures, 44, 76);
        Assert.Equal(failures, host.System.Control.InjectedErrors);
        Assert.Contains("Der opstod en fejl", errorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorRate_SameSeed_FailsTheSameRequests()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = host.NewClient();

        async Task<string> PatternAsync()
        {
            host.System.Control.SetFaults(new FaultSettings(ErrorRate: 0.5), seed: 3);
            var pattern = new char[30];
            for (var i = 0; i < pattern.Length; i++)
            {
                using var response = await client.GetAsync("login");
                pattern[i] = response.IsSuccessStatusCode ? '.' : 'X';
            }

            return new string(pattern);
        }

        var first = await PatternAsync();
        var second = await PatternAsync();

        Assert.Equal(first, second);
        Assert.Contains('X', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task Latency_Fixed_DelaysEveryPage()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = host.NewClient();
        host.System.Control.SetFaults(new FaultSettings(LatencyMinMs: 150, LatencyMaxMs: 150));

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("login");
        watch.Stop();

        Assert.True(response.IsSuccessStatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(145), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SlowSave_Set_DelaysTheSaveButStillSavesOnce()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();
        host.System.Control.SetFaults(new FaultSettings(SlowSaveMs: 200));

        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(RegistrationPagesTests.ValidForm()));
        watch.Stop();

        Assert.Contains("Registreringen er gemt.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(195), TimeSpan.FromSeconds(5));
        Assert.Single(host.System.Control.Registrations());
    }

    [Fact]
    public async Task ExpireAllSessions_FromControl_NextPageRedirectsToLoginWithMessage()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        host.System.Control.ExpireAllSessions();
        using var response = await client.GetAsync("registrering/soeg");

        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Din session er udløbet.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithSecret_SwitchesFaultsAndExpiresSessions()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var admin = host.NewClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Secret", LegacyHost.AdminSecret);
        var user = await host.LoggedInClientAsync();

        using var put = await admin.PutAsJsonAsync("admin/faults?seed=5", new FaultSettings(LatencyMinMs: 10, LatencyMaxMs: 20, ErrorRate: 0.1));
        using var expire = await admin.PostAsync("admin/sessions/expire", null);
        using var page = await user.GetAsync("henvisninger");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new FaultSettings(10, 20, 0.1), host.System.Control.Faults);
        Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        Assert.Equal("/login", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task AdminApi_WrongSecret_IsRefusedAndChangesNothing()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var admin = host.NewClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Secret", "guess");

        using var put = await admin.PutAsJsonAsync("admin/faults", new FaultSettings(ErrorRate: 1));

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Contains("X-Admin-Secret", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(FaultSettings.None, host.System.Control.Faults);
    }

    [Fact]
    public async Task AdminApi_NoSecretConfigured_SaysHowToEnableIt()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A, o => o.AdminSecret = null);
        var admin = host.NewClient();

        using var response = await admin.GetAsync("admin/faults");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--admin-secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_ErrorRateAboveOne_IsRejectedWithTheRange()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var admin = host.NewClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Secret", LegacyHost.AdminSecret);

        using var put = await admin.PutAsJsonAsync("admin/faults", new FaultSettings(ErrorRate: 1.5));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("between 0 and 1", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(FaultSettings.None, host.System.Control.Faults);
    }

    [Fact]
    public async Task AdminApi_Seed_AddsReferralsAndListsRegistrations()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var admin = host.NewClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Secret", LegacyHost.AdminSecret);

        using var seed = await admin.PostAsync("admin/seed?count=12", null);
        var registrations = await admin.GetFromJsonAsync<List<Storage.Registration>>("admin/registrations");

        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        Assert.Equal(12, host.System.Control.Referrals().Count);
        Assert.Empty(registrations!);
    }
}
