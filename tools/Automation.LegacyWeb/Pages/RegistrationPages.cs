using System.Globalization;
using System.Text;
using Automation.LegacyWeb.Sessions;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb.Pages;

/// <summary>System B: a shell page whose working area is an iframe named "indhold"; inside it the search by referral id, the registration form and the receipt.</summary>
internal static class RegistrationPages
{
    public const string SavedMessage = "Registreringen er gemt.";
    public const string NotSavedMessage = "Registreringen er ikke gemt. Ret de markerede felter.";

    public static void MapRegistrationPages(this IEndpointRouteBuilder app, LegacyState state)
    {
        app.MapGet("/registrering", (HttpContext context) =>
        {
            if (Auth.Require(context, state, out var user) is { } redirect)
            {
                return redirect;
            }

            return Html.Page(
                "PAS Patientregistrering",
                $"""
                <body bgcolor="#f4f0e6" topmargin="0" leftmargin="0">
                <table width="100%" border="0" cellpadding="4" cellspacing="0">
                <tr bgcolor="#7a5c2e">
                <td><font color="#ffffff" size="4"><b>PAS Patientregistrering</b></font></td>
                <td align="right"><font color="#ffffff" size="2">Logget ind som {Html.E(user)} | <a href="/logout" target="_top"><font color="#ffffff">Log ud</font></a></font></td>
                </tr>
                <tr bgcolor="#e6dcc6"><td colspan="2"><font size="2">
                <a href="/registrering/soeg" target="indhold">Søg registrering</a> |
                <a href="/registrering/ny" target="indhold">Ny registrering</a>
                </font></td></tr>
                </table>
                <iframe name="indhold" src="/registrering/soeg" width="100%" height="640" frameborder="0"></iframe>
                </body>
                """);
        });

        app.MapGet("/registrering/soeg", (HttpContext context) =>
        {
            if (Auth.Require(context, state, out _) is { } redirect)
            {
                return redirect;
            }

            var referralId = context.Request.Query["henvisningsid"].ToString().Trim();
            var page = Html.PageOf(context.Request);
            var size = state.Options.PageSize;
            var all = state.Store.Registrations(referralId.Length == 0 ? null : referralId);
            var rows = all.Skip((page - 1) * size).Take(size);
            var body = new StringBuilder();
            body.Append(
                CultureInfo.InvariantCulture,
                $"""
                <b>Søg registrering</b>
                <form method="get" action="/registrering/soeg">
                <table border="0"><tr>
                <td>Henvisnings-id:</td><td><input type="text" name="henvisningsid" value="{Html.E(referralId)}"></td>
                <td><input type="submit" value="Søg"></td>
                </tr></table>
                </form>
                <hr>
                """);
            if (all.Count == 0)
            {
                body.Append(referralId.Length == 0
                    ? "<p class=\"ingen\">Ingen registreringer.</p>"
                    : $"<p class=\"ingen\">Ingen registreringer fundet for henvisning {Html.E(referralId)}.</p>");
            }
            else
            {
                body.Append("<table class=\"registreringer\" border=\"1\" cellpadding=\"2\" cellspacing=\"0\">\n");
                body.Append("<tr bgcolor=\"#e6dcc6\"><th>Journalnr.</th><th>Henvisnings-id</th><th>CPR-nummer</th><th>Navn</th><th>Afdeling</th><th>Registreret</th></tr>\n");
                foreach (var r in rows)
                {
                    body.Append(CultureInfo.InvariantCulture,
                        $"<tr><td>{Html.E(r.RecordNumber)}</td><td>{Html.E(r.ReferralId)}</td><td>{Html.E(r.Cpr)}</td><td>{Html.E(r.FirstName)} {Html.E(r.LastName)}</td><td>{Html.E(Departments.NameOf(r.Department))}</td><td>{r.RegisteredAt.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)}</td></tr>\n");
                }

                body.Append("</table>\n");
                body.Append(Html.Pager(page, size, all.Count, p =>
                    string.Create(CultureInfo.InvariantCulture, $"/registrering/soeg?henvisningsid={Uri.EscapeDataString(referralId)}&side={p}")));
            }

            var newLink = referralId.Length == 0 ? "/registrering/ny" : $"/registrering/ny?henvisningsid={Uri.EscapeDataString(referralId)}";
            body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html.E(newLink)}\">Opret ny registrering</a></p>");
            return Frame("Søg registrering", body.ToString());
        });

        app.MapGet("/registrering/ny", (HttpContext context) =>
        {
            if (Auth.Require(context, state, out _) is { } redirect)
            {
                return redirect;
            }

            var form = new RegistrationForm { ReferralId = context.Request.Query["henvisningsid"].ToString().Trim() };
            return Frame("Ny registrering", FormHtml(form));
        });

        app.MapPost("/registrering/ny", async (HttpContext context) =>
        {
            if (Auth.Require(context, state, out var user) is { } redirect)
            {
                return redirect;
            }

            var form = RegistrationForm.From(context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty);
            if (!form.Validate())
            {
                return Frame("Ny registrering", FormHtml(form), StatusCodes.Status200OK);
            }

            if (state.Faults.Settings.SlowSaveMs is > 0 and var slow)
            {
                await Task.Delay(slow, context.RequestAborted);
            }

            var saved = state.Store.AddRegistration(form.ToDraft(user, state.Options.TimeProvider.GetUtcNow()));

            // Post-redirect-get: a browser refresh on the receipt does not save twice.
            return Results.Redirect($"/registrering/kvittering/{saved.RecordNumber}");
        });

        app.MapGet("/registrering/kvittering/{recordNumber}", (HttpContext context, string recordNumber) =>
        {
            if (Auth.Require(context, state, out _) is { } redirect)
            {
                return redirect;
            }

            if (state.Store.Registrations().FirstOrDefault(r => r.RecordNumber == recordNumber) is not { } r)
            {
                return Frame("Kvittering", $"<p>Registrering {Html.E(recordNumber)} findes ikke.</p>", StatusCodes.Status404NotFound);
            }

            return Frame(
                "Kvittering",
                $"""
                <b>Kvittering</b>
                <p class="kvittering"><font color="green">{SavedMessage}</font></p>
                <table border="0" cellpadding="2">
                <tr><td>Journalnummer:</td><td><b id="journalnummer">{Html.E(r.RecordNumber)}</b></td></tr>
                <tr><td>Henvisnings-id:</td><td>{Html.E(r.ReferralId)}</td></tr>
                <tr><td>Patient:</td><td>{Html.E(r.FirstName)} {Html.E(r.LastName)} ({Html.E(r.Cpr)})</td></tr>
                <tr><td>Afdeling:</td><td>{Html.E(Departments.NameOf(r.Department))}</td></tr>
                </table>
                <p><a href="/registrering/ny">Ny registrering</a> | <a href="/registrering/soeg">Søg registrering</a></p>
                """);
        });
    }

    private static string FormHtml(RegistrationForm f)
    {
        string Error(string field) =>
            f.Errors.TryGetValue(field, out var message) ? $" <span class=\"fejl\" id=\"fejl-{field}\"><font color=\"red\">{Html.E(message)}</font></span>" : string.Empty;

        var summary = f.Errors.Count == 0 ? string.Empty : $"<p class=\"fejlboks\"><font color=\"red\"><b>{NotSavedMessage}</b></font></p>";
        var options = new StringBuilder("<option value=\"\">-- Vælg afdeling --</option>");
        foreach (var (code, name) in Departments.All)
        {
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{code}\"{(code == f.Department ? " selected" : string.Empty)}>{Html.E(name)}</option>");
        }

        return
            $"""
            <b>Ny registrering</b>
            {summary}
            <form method="post" action="/registrering/ny" name="regform" onsubmit="return confirm('Vil du gemme registreringen?');">
            <table border="0" cellpadding="2">
            <tr><td><label for="henvid">Henvisnings-id</label></td><td><input type="text" id="henvid" name="henvisningsid" value="{Html.E(f.ReferralId)}">{Error("henvisningsid")}</td></tr>
            <tr><td>CPR-nummer:</td><td><input type="text" name="cpr" size="11" maxlength="11" value="{Html.E(f.Cpr)}"> <small>(ddmmåå-xxxx)</small>{Error("cpr")}</td></tr>
            <tr><td><label for="fornavn">Fornavn</label></td><td><input type="text" id="fornavn" name="fornavn" value="{Html.E(f.FirstName)}">{Error("fornavn")}</td></tr>
            <tr><td><label for="efternavn">Efternavn</label></td><td><input type="text" id="efternavn" name="efternavn" value="{Html.E(f.LastName)}">{Error("efternavn")}</td></tr>
            <tr><td>Adresse:</td><td><input type="text" name="adresse" size="30" value="{Html.E(f.Address)}">{Error("adresse")}</td></tr>
            <tr><td>Postnr. og by:</td><td><input type="text" name="postnr" size="4" maxlength="4" value="{Html.E(f.PostalCode)}"> <input type="text" name="by" value="{Html.E(f.City)}">{Error("postnr")}{Error("by")}</td></tr>
            <tr><td><label for="hdato">Henvisningsdato</label></td><td><input type="text" id="hdato" name="henvisningsdato" size="10" maxlength="10" value="{Html.E(f.ReferralDate)}"> <small>(dd-mm-åååå)</small>{Error("henvisningsdato")}</td></tr>
            <tr><td>Afdeling:</td><td><select name="afdeling">{options}</select>{Error("afdeling")}</td></tr>
            <tr><td>&nbsp;</td><td><input type="checkbox" id="akut" name="akut" value="ja"{(f.Urgent ? " checked" : string.Empty)}><label for="akut">Akut</label></td></tr>
            <tr><td valign="top">Bemærkning:</td><td><textarea name="bemaerkning" rows="4" cols="40">{Html.E(f.Note)}</textarea>{Error("bemaerkning")}</td></tr>
            <tr><td>&nbsp;</td><td><input type="submit" name="gem" value="Gem"> <a href="/registrering/soeg">Annuller</a></td></tr>
            </table>
            </form>
            """;
    }

    private static IResult Frame(string title, string content, int status = 200) => Html.Page(
        $"PAS - {title}",
        $"""
        <body bgcolor="#ffffff">
        <font face="Arial" size="2">
        {content}
        </font>
        </body>
        """,
        status);
}
