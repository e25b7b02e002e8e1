using Automation.LegacyWeb.Pages;

namespace Automation.LegacyWeb.Sessions;

/// <summary>Session checks for the pages behind the login.</summary>
internal static class Auth
{
    /// <summary>Null with the user when the session is valid, otherwise the redirect to the login page (with the "expired" message when a session cookie was sent).</summary>
    public static IResult? Require(HttpContext context, LegacyState state, out string user)
    {
        var sessionState = state.Sessions.Check(context.Request.Cookies[state.CookieName], out user);
        return sessionState switch
        {
            SessionState.Valid => null,
            SessionState.Expired => ExpiredRedirect(context, state),
            _ => Results.Redirect("/login"),
        };
    }

    private static IResult ExpiredRedirect(HttpContext context, LegacyState state)
    {
        context.Response.Cookies.Delete(state.CookieName);
        return Results.Redirect("/login?udloebet=1");
    }
}
