using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Security;

/// <summary>Writes 401 and 403 answers as ProblemDetails with a detail that says what to do.</summary>
internal static class SecurityProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        var usedToken = ApiTokenAuthenticationHandler.HasBearer(context.Request);
        if (usedToken)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        var detail = context.Items[SecurityClaims.FailureItem] as string
            ?? "Sign in first (POST /api/auth/login), or send an API token as 'Authorization: Bearer <token>'.";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Not signed in", detail);
    }
}
