using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Automation.LegacyWeb.Tests;

public sealed partial class ProgramTests
{
    [Fact]
    public async Task Program_WithSeed_ServesTheSeededReferralsBehindTheLogin()
    {
        var folder = Path.Combine(Path.GetTempPath(), "legacyweb-tests", Guid.NewGuid().ToString("N"));
        using var process = Start("--urls", "http://127.0.0.1:0", "--variant", "A", "--data", folder, "--seed", "25", "--user", "ops:Ops-Pass-9");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var baseUrl = new Uri(ListeningAt().Match(line ?? string.Empty).Groups[1].Value);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = baseUrl };

            using var login = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["brugernavn"] = "ops", ["adgangskode"] = "Ops-Pass-9" }));
            var list = await client.GetStringAsync("henvisninger?side=2");

            Assert.Contains("25 referrals", line, StringComparison.Ordinal);
            Assert.Equal("/henvisninger", login.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Side 2 af 2 (25 i alt)", list, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Program_UnknownVariant_ExitsWithMessageNamingTheChoices()
    {
        using var process = Start("--variant", "C");

        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--variant C is unknown: use A (referrals) or B (registrations).", error, StringComparison.Ordinal);
    }

    private static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Automation.LegacyWeb.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    [GeneratedRegex(@"listening at (\S+)")]
    private static partial Regex ListeningAt();
}
