using System.Globalization;
using System.Text;
using Automation.LegacyWeb.Sessions;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb.Pages;

/// <summary>System A: the referral list with search and paging, the detail page and the referral letter download.</summary>
internal static class ReferralPages
{
    public static void MapReferralPages(this IEndpointRouteBuilder app, LegacyState state)
    {
        app.MapGet("/henvisninger", (HttpContext context) =>
        {
            if (Auth.Require(context, state, out var user) is { } redirect)
            {
                return redirect;
            }

            var query = context.Request.Query["q"].ToString();
            var page = Html.PageOf(context.Request);
            var size = state.Options.PageSize;
            var (rows, total) = state.Store.SearchReferrals(query, (page - 1) * size, size);
            var body = new StringBuilder();
            body.Append(
                CultureInfo.InvariantCulture,
                $"""
                <h2>Henvisninger</h2>
                <form method="get" action="/henvisninger">
                Søg efter navn, CPR-nummer eller henvisnings-id: <input type="text" name="q" value="{Html.E(query)}" size="30">
                <input type="submit" value="Søg"> <a href="/henvisninger">Vis alle</a>
                </form>
                <br>
                """);
            if (total == 0)
            {
                body.Append("<p>Ingen henvisninger fundet.</p>");
            }
            else
            {
                body.Append("<table class=\"resultater\" border=\"1\" cellpadding=\"3\" cellspacing=\"0\">\n");
                body.Append("<tr bgcolor=\"#dde7f0\"><th>Henvisnings-id</th><th>Modtaget</th><th>CPR-nummer</th><th>Navn</th><th>Afdeling</th><th>Akut</th></tr>\n");
                foreach (var r in rows)
                {
                    body.Append(CultureInfo.InvariantCulture,
                        $"<tr><td><a href=\"/henvisning/{Html.E(r.Id)}\">{Html.E(r.Id)}</a></td><td>{r.ReceivedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)}</td><td>{Html.E(r.Cpr)}</td><td>{Html.E(r.FullName)}</td><td>{Html.E(Departments.NameOf(r.Department))}</td><td>{(r.Urgent ? "Ja" : "Nej")}</td></tr>\n");
                }

                body.Append("</table>\n");
            }

            body.Append(Html.Pager(page, size, total, p =>
                string.Create(CultureInfo.InvariantCulture, $"/henvisninger?q={Uri.EscapeDataString(query)}&side={p}")));
            return Layout("Henvisninger", user, body.ToString());
        });

        app.MapGet("/henvisning/{id}", (HttpContext context, string id) =>
        {
            if (Auth.Require(context, state, out var user) is { } redirect)
            {
                return redirect;
            }

            if (state.Store.FindReferral(id) is not { } r)
            {
                return Layout("Henvisning", user, $"<h2>Henvisning</h2><p>Henvisning {Html.E(id)} findes ikke.</p><a href=\"/henvisninger\">Tilbage til listen</a>", StatusCodes.Status404NotFound);
            }

            var body =
                $"""
                <h2>Henvisning {Html.E(r.Id)}</h2>
                <table class="detaljer" border="0" cellpadding="3">
                <tr><th align="left">Henvisnings-id</th><td>{Html.E(r.Id)}</td></tr>
                <tr><th align="left">CPR-nummer</th><td>{Html.E(r.Cpr)}</td></tr>
                <tr><th align="left">Fornavn</th><td>{Html.E(r.FirstName)}</td></tr>
                <tr><th align="left">Efternavn</th><td>{Html.E(r.LastName)}</td></tr>
                <tr><th align="left">Adresse</th><td>{Html.E(r.Address)}</td></tr>
                <tr><th align="left">Postnr.</th><td>{Html.E(r.PostalCode)}</td></tr>
                <tr><th align="left">By</th><td>{Html.E(r.City)}</td></tr>
                <tr><th align="left">Afdeling</th><td>{Html.E(Departments.NameOf(r.Department))}</td></tr>
                <tr><th align="left">Henvisningsdato</th><td>{Html.Date(r.ReferralDate, "dd.MM.yyyy")}</td></tr>
                <tr><th align="left">Modtaget</th><td>{r.ReceivedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)}</td></tr>
                <tr><th align="left">Akut</th><td>{(r.Urgent ? "Ja" : "Nej")}</td></tr>
                <tr><th align="left" valign="top">Årsag</th><td>{Html.E(r.Reason)}</td></tr>
                </table>
                <p><a href="/henvisning/{Html.E(r.Id)}/brev.csv">Hent henvisningsbrev (CSV)</a></p>
                <p><a href="/henvisninger">Tilbage til listen</a></p>
                """;
            return Layout($"Henvisning {r.Id}", user, body);
        });

        app.MapGet("/henvisning/{id}/brev.csv", (HttpContext context, string id) =>
        {
            if (Auth.Require(context, state, out _) is { } redirect)
            {
                return redirect;
            }

            if (state.Store.FindReferral(id) is not { } r)
            {
                return Results.NotFound();
            }

            return Results.File(Encoding.UTF8.GetBytes(Letter(r)), "text/csv; charset=utf-8", $"henvisning-{r.Id}.csv");
        });
    }

    /// <summary>Semicolon-separated, as Danish spreadsheets expect; dates as dd-MM-yyyy (the format B's form wants).</summary>
    internal static string Letter(Referral r)
    {
        static string Cell(string value) =>
            value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

        string[] header = ["Henvisnings-id", "CPR-nummer", "Fornavn", "Efternavn", "Adresse", "Postnr", "By", "Afdeling", "Henvisningsdato", "Akut", "Årsag"];
        string[] values = [r.Id, r.Cpr, r.FirstName, r.LastName, r.Address, r.PostalCode, r.City, Departments.NameOf(r.Department), Html.Date(r.ReferralDate, "dd-MM-yyyy"), r.Urgent ? "Ja" : "Nej", r.Reason];
        return string.Join(';', header) + "\r\n" + string.Join(';', values.Select(Cell)) + "\r\n";
    }

    private static IResult Layout(string title, string user, string content, int status = 200) => Html.Page(
        $"Henvisningsportalen - {title}",
        $"""
        <body bgcolor="#eef3f8">
        <table width="100%" border="0" cellpadding="6" cellspacing="0">
        <tr><td colspan="2" bgcolor="#1f4e79"><font face="Verdana" color="#ffffff" size="4"><b>Henvisningsportalen</b></font></td></tr>
        <tr>
        <td width="160" valign="top" bgcolor="#dde7f0">
        <font face="Verdana" size="2">
        Bruger: <b>{Html.E(user)}</b><br><br>
        <a href="/henvisninger">Henvisninger</a><br>
        <a href="/logout">Log ud</a>
        </font>
        </td>
        <td valign="top">
        {content}
        </td>
        </tr>
        </table>
        </body>
        """,
        status);
}
