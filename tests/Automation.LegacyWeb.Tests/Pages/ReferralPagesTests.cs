using System.Text.RegularExpressions;
using Automation.LegacyWeb.Tests.Infrastructure;

namespace Automation.LegacyWeb.Tests.Pages;

public sealed partial class ReferralPagesTests
{
    [Fact]
    public async Task List_FollowingNaesteToTheEnd_ShowsEverySeededReferralExactlyOnce()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var seeded = host.System.Control.SeedReferrals(45);
        var client = await host.LoggedInClientAsync();

        var seen = new List<string>();
        string? url = "henvisninger";
        var pages = 0;
        while (url is not null)
        {
            var html = await client.GetStringAsync(url);
            pages++;
            seen.AddRange(ReferralLink().Matches(html).Select(m => m.Groups[1].Value));
            var next = NextLink().Match(html);
            url = next.Success ? next.Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal).TrimStart('/') : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(seeded.Select(r => r.Id).Order(), seen.Order());
    }

    [Fact]
    public async Task List_SecondPage_HasForrigeLinkAndPageText()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        host.System.Control.SeedReferrals(25);
        var client = await host.LoggedInClientAsync();

        var html = await client.GetStringAsync("henvisninger?side=2");

        Assert.Contains("<a href=\"/henvisninger?q=&amp;side=1\">Forrige</a>", html, StringComparison.Ordinal);
        Assert.Contains("Side 2 af 2 (25 i alt) | Næste</p>", html, StringComparison.Ordinal);
        Assert.Equal(5, ReferralLink().Count(html));
    }

    [Fact]
    public async Task Search_ByCpr_ShowsOnlyThatPatient()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var target = host.System.Control.SeedReferrals(30)[17];
        var client = await host.LoggedInClientAsync();

        var html = await client.GetStringAsync($"henvisninger?q={Uri.EscapeDataString(target.Cpr)}");

        Assert.Equal([target.Id], ReferralLink().Matches(html).Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains(target.FullName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_ShowsEveryFieldUnderItsLabel()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var r = host.System.Control.SeedReferrals(3)[1];
        var client = await host.LoggedInClientAsync();

        var html = await client.GetStringAsync($"henvisning/{r.Id}");

        Assert.Contains($"<th align=\"left\">CPR-nummer</th><td>{r.Cpr}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<th align=\"left\">Efternavn</th><td>{r.LastName}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<th align=\"left\">Henvisningsdato</th><td>{r.ReferralDate:dd.MM.yyyy}</td>", html, StringComparison.Ordinal);
        Assert.Contains("Hent henvisningsbrev (CSV)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_Letter_ServesCsvAttachmentWithTheReferral()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var r = host.System.Control.SeedReferrals(2)[0];
        var client = await host.LoggedInClientAsync();

        using var response = await client.GetAsync($"henvisning/{r.Id}/brev.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"henvisning-{r.Id}.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.StartsWith("Henvisnings-id;CPR-nummer;Fornavn", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{r.Id};{r.Cpr};{r.FirstName};{r.LastName}", lines[1], StringComparison.Ordinal);
        Assert.Contains($";{r.ReferralDate:dd-MM-yyyy};", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_UnknownId_SaysItDoesNotExist()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);
        var client = await host.LoggedInClientAsync();

        using var response = await client.GetAsync("henvisning/HEN-999999");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Henvisning HEN-999999 findes ikke.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"/henvisning/(HEN-\\d{6})\">")]
    private static partial Regex ReferralLink();

    [GeneratedRegex("<a href=\"([^\"]+)\">Næste</a>")]
    private static partial Regex NextLink();
}
