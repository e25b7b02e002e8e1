using System.Security.Cryptography;
using System.Text;
using Automation.LegacyWeb.Sessions;

namespace Automation.LegacyWeb.Pages;

/// <summary>Log ind / Log ud. A and B differ in layout and field names (A: brugernavn/adgangskode, B: USR/PWD).</summary>
internal static class LoginPages
{
    public const string ExpiredMessage = "Din session er udløbet. Log venligst ind igen.";
    public const string WrongPasswordMessage = "Forkert brugernavn eller adgangskode.";

    public static void MapLoginPages(this IEndpointRouteBuilder app, LegacyState state)
    {
        app.MapGet("/", (HttpContext context) =>
            state.Sessions.Check(context.Request.Cookies[state.CookieName], out _) == SessionState.Valid
                ? Results.Redirect(state.HomePath)
                : Results.Redirect("/login"));

        app.MapGet("/login", (HttpContext context) =>
            Form(state, context.Request.Query["udloebet"] == "1" ? ExpiredMessage : null, string.Empty, 200));

        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
            var (userField, passwordField) = FieldNames(state.Variant);
            var user = form[userField].ToString().Trim();
            var password = form[passwordField].ToString();
            if (!state.Options.Users.TryGetValue(user, out var expected) || !SameText(expected, password))
            {
                return Form(state, WrongPasswordMessage, user, StatusCodes.Status200OK);
            }

            var id = state.Sessions.Create(user);
            context.Response.Cookies.Append(state.CookieName, id, new CookieOptions { HttpOnly = true, Path = "/", SameSite = SameSiteMode.Lax });
            return Results.Redirect(state.HomePath);
        });

        app.MapGet("/logout", (HttpContext context) =>
        {
            if (context.Request.Cookies[state.CookieName] is { } id)
            {
                state.Sessions.Remove(id);
            }

            context.Response.Cookies.Delete(state.CookieName);
            return Results.Redirect("/login");
        });
    }

    public static (string User, string Password) FieldNames(LegacyVariant variant) =>
        variant == LegacyVariant.A ? ("brugernavn", "adgangskode") : ("USR", "PWD");

    private static bool SameText(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static IResult Form(LegacyState state, string? message, string user, int status)
    {
        var note = message is null ? string.Empty : $"<p class=\"besked\"><font color=\"red\">{Html.E(message)}</font></p>";
        if (state.Variant == LegacyVariant.A)
        {
            return Html.Page(
                "Henvisningsportalen - Log ind",
                $"""
                <body bgcolor="#eef3f8">
                <table width="100%" border="0" cellpadding="6" cellspacing="0">
                <tr><td bgcolor="#1f4e79"><font face="Verdana" color="#ffffff" size="4"><b>Henvisningsportalen</b></font></td></tr>
                <tr><td>
                <h2><font face="Verdana">Log ind</font></h2>
                {note}
                <form method="post" action="/login">
                <table border="0" cellpadding="3">
                <tr><td><label for="brugernavn">Brugernavn</label></td><td><input type="text" id="brugernavn" name="brugernavn" value="{Html.E(user)}" size="20"></td></tr>
                <tr><td><label for="adgangskode">Adgangskode</label></td><td><input type="password" id="adgangskode" name="adgangskode" size="20"></td></tr>
                <tr><td>&nbsp;</td><td><input type="submit" value="Log ind"></td></tr>
                </table>
                </form>
                </td></tr>
                </table>
                </body>
                """,
                status);
        }

        // B's login may be shown inside the iframe after a session expiry; target=_top puts the logged-in shell back on the whole window.
        return Html.Page(
            "PAS - Log ind",
            $"""
            <body bgcolor="#f4f0e6">
            <center>
            <table border="1" cellpadding="8" cellspacing="0" bgcolor="#ffffff">
            <tr><td bgcolor="#7a5c2e" align="center"><font color="#ffffff"><b>PAS Patientregistrering</b></font></td></tr>
            <tr><td>
            <b>Log ind</b><br>
            {note}
            <form method="post" action="/login" target="_top">
            <table border="0">
            <tr><td><label>Brugernavn<br><input type="text" name="USR" value="{Html.E(user)}"></label></td></tr>
            <tr><td><label>Adgangskode<br><input type="password" name="PWD"></label></td></tr>
            <tr><td align="right"><input type="submit" value="Log ind"></td></tr>
            </table>
            </form>
            </td></tr>
            </table>
            </center>
            </body>
            """,
            status);
    }
}
