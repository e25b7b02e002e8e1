using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Automation.Server.Errors;

/// <summary>ProblemDetails answers the endpoints return themselves (rather than throw), worded like the exception handler's.</summary>
public static class ApiProblems
{
    /// <summary>404 naming what was looked for.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>400 for a query or body the caller can correct.</summary>
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    /// <summary>409 for a request that does not fit the current state.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}

/// <summary>
/// Fills in a detail for ProblemDetails that the framework writes without one (status code pages for 401, 403, 404,
/// 405, 413, 415), so every error tells the caller what to do next.
/// </summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        // The framework's titles are bare reason phrases ("Content Too Large"); use the same words as our own answers.
        if (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status))
        {
            problem.Title = StatusTitles.For(status, problem.Title);
        }

        problem.Detail ??= status switch
        {
            StatusCodes.Status401Unauthorized => "Sign in first (POST /api/auth/login), or send an API token in the Authorization header as 'Bearer <token>'.",
            StatusCodes.Status403Forbidden => "Your roles do not allow this request; ask an administrator for a role that does.",
            StatusCodes.Status404NotFound => $"There is nothing at {request.Path}; check the address (the API page /api-docs lists every route).",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; the API page /api-docs lists the methods it accepts.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the server accepts; send a smaller body, or raise Automation:MaxRequestBodyBytes.",
            StatusCodes.Status415UnsupportedMediaType => $"The body was sent as '{request.ContentType}'; send it as JSON with the header 'Content-Type: application/json'.",
            _ => null,
        };
    }
}

/// <summary>Plain titles for the statuses the API answers with.</summary>
internal static class StatusTitles
{
    public static string For(int status, string? fallback = null) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Not signed in",
        StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => fallback ?? "Error",
    };
}
