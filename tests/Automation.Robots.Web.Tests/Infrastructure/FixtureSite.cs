using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.Robots.Web.Tests.Infrastructure;

/// <summary>Small static pages on 127.0.0.1 for the robot to drive: a login, a form, a table, frames, dialogs, a popup, files.</summary>
internal sealed class FixtureSite : IAsyncDisposable
{
    public const string UserName = "robot";
    public const string Password = "hemmelig-42";

    /// <summary>The bytes of <c>/files/rapport.csv</c>.</summary>
    public static readonly byte[] Report = Encoding.UTF8.GetBytes("id;navn\n17;Henvisning A\n18;Henvisning B\n");

    private readonly WebApplication _app;

    private FixtureSite(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<FixtureSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect("/home"));
        app.MapGet("/login", () => Page("Log ind", """
            <form method="post" action="/login">
              <label for="u">Brugernavn</label><input id="u" name="u">
              <label for="p">Adgangskode</label><input id="p" name="p" type="password">
              <button type="submit">Log ind</button>
            </form>
            """));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form["u"] == UserName && form["p"] == Password)
            {
                context.Response.Cookies.Append("session", "ok");
                context.Response.Redirect("/home");
                return;
            }

            await Page("Log ind", "<p class=error>Forkert brugernavn eller adgangskode</p>").ExecuteAsync(context);
        });
        app.MapGet("/home", (HttpContext context) => context.Request.Cookies["session"] == "ok"
            ? Page("Forside", "<h1 id=greeting>Velkommen robot</h1><a href=/logout>Log ud</a>")
            : Results.Redirect("/login"));
        app.MapGet("/form", () => Page("Henvisning", """
            <form method="get" action="/submitted">
              <label for="name">Navn</label><input id="name" name="name">
              <label>CPR-nummer <input name="cpr"></label>
              <table><tr><td>Fødselsdato</td><td><input name="born"></td></tr></table>
              <label for="region">Region</label>
              <select id="region" name="region"><option value="">Vælg</option><option value="1084">Region Hovedstaden</option><option value="1085">Region Sjælland</option></select>
              <label><input type="checkbox" name="urgent" value="ja"> Akut</label>
              <label for="ref">Reference</label><input id="ref" name="ref" onblur="this.value = this.value.toUpperCase()">
              <button type="submit">Gem</button>
            </form>
            """));
        app.MapGet("/submitted", (HttpContext context) =>
        {
            var q = context.Request.Query;
            string Field(string name) => $"<dd id=\"out-{name}\">{WebUtility.HtmlEncode(q[name].ToString())}</dd>";
            return Page("Gemt", $"<dl>{Field("name")}{Field("cpr")}{Field("born")}{Field("region")}{Field("urgent")}</dl>");
        });
        app.MapGet("/table", () => Page("Henvisninger", """
            <table id="referrals">
              <thead><tr><th>Id</th><th>Navn</th><th>Status</th><th>Handling</th></tr></thead>
              <tbody>
                <tr><td>17</td><td>Henvisning A</td><td>Ny</td><td><button>Åbn</button></td></tr>
                <tr><td>18</td><td>Henvisning  B</td><td>Afsluttet</td><td><button>Åbn</button></td></tr>
              </tbody>
            </table>
            """));
        app.MapGet("/dialog", () => Page("Slet", """
            <button id="delete" onclick="document.getElementById('status').textContent = confirm('Slet henvisning 17?') ? 'Slettet' : 'Beholdt'">Slet</button>
            <p id="status">Uændret</p>
            """));
        app.MapGet("/frame", () => Page("Ramme", """<p id="where">Uden for rammen</p><iframe id="inner" title="Indre" src="/inner"></iframe>"""));
        app.MapGet("/inner", () => Page("Indre", """<p id="where">Inde i rammen</p>"""));
        app.MapGet("/popup", () => Page("Vindue", """<button onclick="window.open('/inner', 'detaljer', 'width=400,height=300')">Åbn detaljer</button><p id="where">Hovedvinduet</p>"""));
        app.MapGet("/download", () => Page("Hent", """<a href="/files/rapport.csv">Hent rapport</a>"""));
        app.MapGet("/files/rapport.csv", () => Results.File(Report, "text/csv", "rapport.csv"));
        app.MapGet("/upload", () => Page("Bilag", """
            <label for="file">Bilag</label><input type="file" id="file" onchange="document.getElementById('chosen').textContent = this.files[0].name">
            <p id="chosen"></p>
            """));
        app.MapGet("/late", () => Page("Senere", """
            <button onclick="setTimeout(() => { const p = document.createElement('p'); p.id = 'ready'; p.textContent = 'Klar'; document.body.append(p); }, 150)">Start</button>
            """));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FixtureSite(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IResult Page(string title, string body) =>
        Results.Content($"<!doctype html><html lang=da><head><meta charset=utf-8><title>{title}</title></head><body>{body}</body></html>", "text/html; charset=utf-8");
}
