namespace Automation.LegacyWeb.Pages;

/// <summary>The page an injected (or real) failure shows.</summary>
internal static class ServerError
{
    public static IResult Page() => Html.Page(
        "Fejl",
        """
        <body bgcolor="#ffffff">
        <h1>Der opstod en fejl</h1>
        <p>Systemet er midlertidigt utilgængeligt (fejl 500). Prøv igen senere.</p>
        </body>
        """,
        StatusCodes.Status500InternalServerError);
}
