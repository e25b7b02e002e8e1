using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.HttpTriggers;

/// <summary>
/// Sets the answer to the request that started the workflow: the workflow output <c>httpResponse</c> becomes
/// <c>{statusCode, content, contentType, headers}</c>, which the server sends back when the workflow finishes or suspends.
/// </summary>
[Activity("WriteHttpResponse", "HTTP", "HTTP response", Description = "Answers the request that started the workflow (status code, content, content type).")]
public sealed class WriteHttpResponse : IActivity
{
    /// <summary>The workflow output that carries the response.</summary>
    public const string ResponseOutput = "httpResponse";

    public static readonly Input<JsonNode> StatusCode = new("statusCode", "Status code", DataType.Any) { Default = JsonValue.Create(200), Description = "A number such as 200, or a name such as OK or NotFound." };

    public static readonly Input<JsonNode> Content = new("content", "Content", DataType.Any) { Editor = InputEditor.JavaScript, Description = "Text is sent as it is; objects and arrays as JSON." };

    public static readonly Input<string> ContentType = new("contentType", "Content type", DataType.String) { Description = "Empty means text/plain for text and application/json otherwise." };

    public static readonly Input<JsonObject> Headers = new("headers", "Headers", DataType.Object) { Editor = InputEditor.Json };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var status = ReadStatus(context);
        var content = context.Get(Content);
        var contentType = context.Get(ContentType);
        if (string.IsNullOrWhiteSpace(contentType))
        {
            contentType = content is null ? null : content is JsonValue v && v.GetValueKind() == JsonValueKind.String ? "text/plain" : "application/json";
        }

        var response = new JsonObject
        {
            ["statusCode"] = status,
            ["content"] = content?.DeepClone(),
            ["contentType"] = contentType,
        };
        if (context.Get(Headers) is { Count: > 0 } headers)
        {
            response["headers"] = headers.DeepClone();
        }

        context.SetOutput(ResponseOutput, response);
        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static int ReadStatus(ActivityContext context)
    {
        var raw = context.Get(StatusCode);
        var text = JsonValueConverter.AsText(raw).Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 100 and <= 599)
        {
            return number;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<HttpStatusCode>(text, ignoreCase: true, out var named))
        {
            return (int)named;
        }

        throw new WorkflowFaultException($"Input 'statusCode' of activity '{context.ActivityId}' is '{text}', which is not an HTTP status code; use a number from 100 to 599 or a name such as OK or NotFound.");
    }
}
