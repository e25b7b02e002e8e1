using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Errors;

/// <summary>
/// Turns every exception into ProblemDetails: errors the caller can fix get a 4xx with a title and a detail naming the
/// fix; anything else is a 500 with no stack trace (the log has it, with a trace id the response shows).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            // Nothing can be written any more; the caller sees a cut-off response and the log says why.
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }

        var (status, title, detail, extensions) = Describe(exception);
        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static (int Status, string Title, string Detail, Dictionary<string, object?> Extensions) Describe(Exception exception)
    {
        var none = new Dictionary<string, object?>();
        return exception switch
        {
            WorkflowDefinitionException e => (400, IsMalformedJson(e) ? "Malformed JSON" : "The workflow definition is not valid", e.Message, new() { ["errors"] = ErrorsOf(e) }),
            WorkflowInputException e => (400, "The workflow input is not valid", e.Message, none),
            ResumeRejectedException e => (400, "The answer was not accepted", e.Message, none),
            WorkflowNotFoundException e => (404, "Not found", e.Message, none),
            InstanceLeasedException e => (409, "The instance is busy", $"{e.Message} Try again when it has stopped running.", none),
            ConflictException e => (409, "Conflict", e.Message, none),
            WorkflowStateException e => (409, "The instance cannot do that now", e.Message, none),
            BadHttpRequestException { InnerException: JsonException json } => (400, JsonTitle(json), MalformedJsonDetail(json), none),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge => (413, "Request body too large", $"{e.Message} Send a smaller body, or raise Automation:MaxRequestBodyBytes.", none),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status415UnsupportedMediaType && !e.Message.StartsWith("Send ", StringComparison.Ordinal) =>
                (415, StatusTitles.For(415), "Send the body as JSON with the header 'Content-Type: application/json'.", none),
            BadHttpRequestException e => (e.StatusCode, StatusTitles.For(e.StatusCode), BadRequestDetail(e), none),
            JsonException e => (400, JsonTitle(e), MalformedJsonDetail(e), none),
            _ => (500, "Unexpected error", "The server failed to handle the request; the server log has the details under this trace id.", none),
        };
    }

    /// <summary>Where the JSON broke, 1-based as editors count, and the reader's reason without its own 0-based location.</summary>
    internal static string MalformedJsonDetail(JsonException json)
    {
        var where = json.LineNumber is { } line ? $" at line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1}" : "";
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" (in {json.Path})";

        // The serializer names the CLR type it wanted; the caller only needs to know the value does not fit there.
        if (IsWrongType(json))
        {
            return $"The request body has a value of the wrong type{where}{path}; the API page (/api-docs) shows the expected shape.";
        }

        var reason = json.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: ", " | LineNumber" })
        {
            var at = reason.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                reason = reason[..at];
            }
        }

        return $"The request body is not valid JSON{where}{path}: {reason.TrimEnd('.')}. Fix the JSON and send it again.";
    }

    private static bool IsWrongType(JsonException json) =>
        json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    private static string JsonTitle(JsonException json) => IsWrongType(json) ? "Wrong type of value" : "Malformed JSON";

    private static bool IsMalformedJson(WorkflowDefinitionException e) =>
        e.Problems is [{ } only] && only.Message.StartsWith("malformed JSON", StringComparison.Ordinal);

    private static List<object> ErrorsOf(WorkflowDefinitionException e) =>
        e.Problems.Select(p => (object)new { path = p.Path, message = p.Message, activityId = p.ActivityId, input = p.InputName, severity = p.Severity.ToString() }).ToList();

    /// <summary>Minimal APIs explain binding failures in developer terms; say what the caller should send instead.</summary>
    private static string BadRequestDetail(BadHttpRequestException e)
    {
        if (e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (e.Message.StartsWith("Required parameter", StringComparison.Ordinal) && e.Message.Contains("body", StringComparison.OrdinalIgnoreCase)))
        {
            return "The request needs a JSON body; see the API page (/api-docs) for its fields.";
        }

        var binding = BindFailure().Match(e.Message);
        return binding.Success
            ? $"'{binding.Groups["name"].Value}' cannot be '{binding.Groups["value"].Value}'; give {Friendly(binding.Groups["type"].Value)}."
            : e.Message;
    }

    private static string Friendly(string clrType) => clrType.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?').Split('.')[^1] switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "DateTimeOffset" or "DateTime" => "a date and time such as 2026-01-31T12:00:00Z",
        "Guid" => "an id such as 0f8fad5b-d9cb-469f-a165-70867728950e",
        var other => $"a value of the right type ({other})",
    };

    /// <summary>Minimal APIs' wording: <c>Failed to bind parameter "int? take" from "many".</c></summary>
    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^ ""]+) (?<name>[^""]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>The request conflicts with the current state (a draft that already exists, an instance that is not faulted).</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
