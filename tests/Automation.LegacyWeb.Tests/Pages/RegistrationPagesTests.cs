using System.Net;
using Automation.LegacyWeb.Tests.Infrastructure;

namespace Automation.LegacyWeb.Tests.Pages;

public sealed class RegistrationPagesTests
{
    internal static Dictionary<string, string> ValidForm(string referralId = "HEN-000001") => new()
    {
        ["henvisningsid"] = referralId,
        ["cpr"] = "010190-1235",
        ["fornavn"] = "Søren",
        ["efternavn"] = "Østergaard",
        ["adresse"] = "Åboulevarden 12",
        ["postnr"] = "8000",
        ["by"] = "Aarhus C",
        ["henvisningsdato"] = "03-11-2026",
        ["afdeling"] = "KARD",
        ["akut"] = "ja",
        ["bemaerkning"] = "Brystsmerter ved anstrengelse.",
        ["gem"] = "Gem",
    };

    [Fact]
    public async Task Shell_AfterLogin_HoldsTheSearchPageInAnIframe()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        var shell = await client.GetStringAsync("registrering");

        Assert.Contains("<iframe name=\"indhold\" src=\"/registrering/soeg\"", shell, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", shell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewForm_AsksForConfirmationAndListsDepartments()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        var html = await client.GetStringAsync("registrering/ny?henvisningsid=HEN-000007");

        Assert.Contains("onsubmit=\"return confirm('Vil du gemme registreringen?');\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"henvisningsid\" value=\"HEN-000007\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ORTO\">Ortopædkirurgisk afdeling</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_EmptyForm_ShowsRequiredNextToEachFieldAndSavesNothing()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        using var response = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(new Dictionary<string, string> { ["gem"] = "Gem" }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Registreringen er ikke gemt. Ret de markerede felter.", html, StringComparison.Ordinal);
        foreach (var field in new[] { "henvisningsid", "cpr", "fornavn", "efternavn", "adresse", "postnr", "by", "henvisningsdato" })
        {
            Assert.Contains($"<span class=\"fejl\" id=\"fejl-{field}\"><font color=\"red\">Skal udfyldes.</font></span>", html, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"fejl-afdeling\"><font color=\"red\">Vælg en afdeling.", html, StringComparison.Ordinal);
        Assert.Empty(host.System.Control.Registrations());
    }

    [Theory]
    [InlineData("cpr", "0101901235", "CPR-nummer skal have formatet ddmmåå-xxxx.")]
    [InlineData("cpr", "310290-1235", "CPR-nummer indeholder ikke en gyldig dato.")]
    [InlineData("henvisningsdato", "2026-11-03", "Dato skal have formatet dd-mm-åååå.")]
    [InlineData("henvisningsdato", "31-02-2026", "Dato skal have formatet dd-mm-åååå.")]
    [InlineData("postnr", "80000", "Postnummer skal være 4 cifre.")]
    [InlineData("afdeling", "XYZ", "Ukendt afdeling.")]
    public async Task Save_BadFormat_ShowsMessageAtTheFieldKeepsValuesAndSavesNothing(string field, string value, string message)
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();
        var form = ValidForm();
        form[field] = value;

        using var response = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"id=\"fejl-{field}\"><font color=\"red\">{message}</font>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Østergaard\"", html, StringComparison.Ordinal);
        Assert.Empty(host.System.Control.Registrations());
    }

    [Fact]
    public async Task Save_ValidForm_SavesOnceAndShowsTheRecordNumber()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        using var response = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(ValidForm("HEN-000042")));
        var html = await response.Content.ReadAsStringAsync();
        var saved = Assert.Single(host.System.Control.Registrations());

        Assert.Equal($"/registrering/kvittering/{saved.RecordNumber}", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Registreringen er gemt.", html, StringComparison.Ordinal);
        Assert.Contains($"<b id=\"journalnummer\">{saved.RecordNumber}</b>", html, StringComparison.Ordinal);
        Assert.Equal("J-000001", saved.RecordNumber);
        Assert.Equal(("HEN-000042", "010190-1235", "Søren", "Østergaard", "KARD", new DateOnly(2026, 11, 3), true, "robot"),
            (saved.ReferralId, saved.Cpr, saved.FirstName, saved.LastName, saved.Department, saved.ReferralDate, saved.Urgent, saved.RegisteredBy));
    }

    [Fact]
    public async Task Save_SameReferralTwice_KeepsBothSoDoubleEntryCanBeCounted()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();

        using var first = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(ValidForm("HEN-000005")));
        using var second = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(ValidForm("HEN-000005")));

        Assert.Equal(["J-000001", "J-000002"], host.System.Control.Registrations("HEN-000005").Select(r => r.RecordNumber));
    }

    [Fact]
    public async Task Search_ByReferralId_ShowsItsRegistrationOrSaysNone()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();
        using var saved = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(ValidForm("HEN-000009")));

        var found = await client.GetStringAsync("registrering/soeg?henvisningsid=HEN-000009");
        var missing = await client.GetStringAsync("registrering/soeg?henvisningsid=HEN-000010");

        Assert.Contains("<tr><td>J-000001</td><td>HEN-000009</td><td>010190-1235</td>", found, StringComparison.Ordinal);
        Assert.Contains("Ingen registreringer fundet for henvisning HEN-000010.", missing, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/registrering/ny?henvisningsid=HEN-000010\">Opret ny registrering</a>", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_AfterSessionExpired_RedirectsToLoginAndSavesNothing()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.B);
        var client = await host.LoggedInClientAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(3));

        using var response = await client.PostAsync("registrering/ny", new FormUrlEncodedContent(ValidForm()));

        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("target=\"_top\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.System.Control.Registrations());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
