using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.HttpTriggers;
using Automation.Engine.Masking;
using Automation.Engine.Runtime;
using Automation.Server.Definitions;
using Microsoft.Net.Http.Headers;

namespace Automation.Server.HttpTriggers;

/// <summary>
/// The answer to a request that started a workflow: the response the workflow wrote (output <c>httpResponse</c>)
/// when there is one; otherwise 200 with the output when it finished, 202 with the instance id while it still runs or
/// waits, and a ProblemDetails when it faulted or was cancelled.
/// </summary>
internal static class HttpTriggerResponse
{
    // Set by the server from the content itself; a workflow cannot make them disagree with the body.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentType,
        HeaderNames.ContentLength,
        HeaderNames.TransferEncoding,
        HeaderNames.Connection,
    };

    /// <summary>The result; <paramref name="result"/> is null when the instance was still running at the time limit.</summary>
    public static IResult For(HttpContext http, string instanceId, RunResult? result, JsonObject? storedOutput)
    {
        var output = result?.Output ?? storedOutput;
        if (output?[WriteHttpResponse.ResponseOutput] is JsonObject written)
        {
            return Written(http, written);
        }

        var location = $"/api/instances/{instanceId}";
        return result?.Status switch
        {
            InstanceStatus.Finished => TypedResults.Json(result.Output),
            InstanceStatus.Faulted => TypedResults.Problem(
                title: "The workflow failed",
                detail: $"Instance '{instanceId}' faulted at activity '{result.Incident?.ActivityId}': {PersonalDataMasker.MaskText(result.Incident?.Message ?? "")} See {location} for its incidents; an operator can retry it.",
                statusCode: StatusCodes.Status500InternalServerError,
                extensions: new Dictionary<string, object?> { ["instanceId"] = instanceId }),
            InstanceStatus.Cancelled => TypedResults.Problem(
                title: "The workflow was cancelled",
                detail: $"Instance '{instanceId}' was cancelled before it answered.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["instanceId"] = instanceId }),
            _ => TypedResults.Accepted(location, new StartedInstance(instanceId, (result?.Status ?? InstanceStatus.Running).ToString())),
        };
    }

    private static IResult Written(HttpContext http, JsonObject response)
    {
        var status = response["statusCode"] is JsonValue s && s.TryGetValue<int>(out var code) && code is >= 100 and <= 599 ? code : StatusCodes.Status200OK;
        if (response["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                if (!ReservedHeaders.Contains(name) && value is not null)
                {
                    http.Response.Headers[name] = value is JsonArray list ? list.Select(Text).ToArray() : Text(value);
                }
            }
        }

        var content = response["content"];
        if (content is null)
        {
            return TypedResults.StatusCode(status);
        }

        var isText = content is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        var contentType = response["contentType"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>().Trim().Length > 0
            ? t.GetValue<string>().Trim()
            : isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
        var body = isText ? content.GetValue<string>() : content.ToJsonString();
        return TypedResults.Text(body, contentType, Encoding.UTF8, status);
    }

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
}
