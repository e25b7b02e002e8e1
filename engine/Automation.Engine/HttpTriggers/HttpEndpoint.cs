using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Engine.HttpTriggers;

/// <summary>
/// Where a workflow started by an HTTP request enters. The workflow's <c>http</c> trigger (path, methods) tells the server
/// which requests start it; the server passes the request as the workflow input <c>httpRequest</c>
/// (<c>{method, path, routeData, query, headers, body}</c>). This node copies the parts named by its inputs into variables
/// and continues; run any other way it just continues.
/// </summary>
[Activity("HttpEndpoint", "HTTP", "HTTP endpoint", Description = "Starts the workflow when a request arrives at its path; stores the request's parts in variables.", IsStart = true)]
public sealed class HttpEndpoint : IActivity
{
    /// <summary>The workflow input the server fills with the request.</summary>
    public const string RequestInput = "httpRequest";

    public static readonly Input<string> Path = new("path", "Path", DataType.String) { AllowExpression = false, Description = "Path under /workflows/, for example users/{id}." };

    public static readonly Input<string[]> Methods = new("methods", "Methods", DataType.Array) { AllowExpression = false, Editor = InputEditor.StringList, Default = ["GET"] };

    public static readonly Input<string> RouteDataVariable = new("routeDataVariable", "Store route values in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public static readonly Input<string> QueryVariable = new("queryVariable", "Store query string in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public static readonly Input<string> HeadersVariable = new("headersVariable", "Store headers in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public static readonly Input<string> BodyVariable = new("bodyVariable", "Store body in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public static readonly Input<string> RequestVariable = new("requestVariable", "Store whole request in", DataType.String) { AllowExpression = false, Editor = InputEditor.Variable };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var request = context.Input[RequestInput] as JsonObject;
        Store(context, RequestVariable, request);
        Store(context, RouteDataVariable, request?["routeData"]);
        Store(context, QueryVariable, request?["query"]);
        Store(context, HeadersVariable, request?["headers"]);
        Store(context, BodyVariable, request?["body"]);
        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static void Store(ActivityContext context, Input<string> input, JsonNode? value)
    {
        var variable = context.Get(input);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, value);
        }
    }
}
