using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Security;

/// <summary>Why a security request was not carried out: the status, title and detail of its ProblemDetails answer.</summary>
internal sealed record Refusal(int Status, string Title, string Detail, TimeSpan? RetryAfter = null)
{
    public ProblemHttpResult ToProblem() => TypedResults.Problem(Detail, statusCode: Status, title: Title);

    /// <summary>The ProblemDetails answer, with a Retry-After header when the refusal ends by itself (a lock).</summary>
    public ProblemHttpResult ToProblem(HttpContext http)
    {
        if (RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ToProblem();
    }

    public static Refusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The request is not valid", detail);

    public static Refusal NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);

    public static Refusal Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
}
