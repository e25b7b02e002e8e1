using System.Text.Json.Nodes;
using Automation.Engine.HttpTriggers;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Server.Hosting;
using Automation.Server.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Automation.Server.HttpTriggers;

/// <summary>
/// <c>/workflows/{path}</c>: a workflow published with an <c>http</c> trigger answers requests to its path. The request
/// becomes the input <c>httpRequest</c>; the instance runs until it finishes or waits, up to
/// <see cref="ServerOptions.ExecuteTimeout"/>, and its <c>httpResponse</c> output (or its result) is the answer.
/// Any signed-in user or API token may call it (<see cref="Policies.AnyUser"/>).
/// </summary>
public static class HttpTriggersApi
{
    /// <summary>The methods an http trigger can answer.</summary>
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IEndpointRouteBuilder MapHttpTriggersApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/workflows/{**path}", Methods, HandleAsync)
            .RequireAuthorization(Policies.AnyUser)
            .WithTags("HTTP triggers")
            .WithSummary("Starts the workflow whose http trigger answers this path and method, and returns its answer.");
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string? path,
        HttpContext http,
        HttpTriggerRoutes routes,
        IDefinitionStore definitions,
        IInstanceStore instances,
        WorkflowRuntime runtime,
        IOptions<ServerOptions> options,
        CancellationToken cancellationToken)
    {
        var method = http.Request.Method;
        var match = routes.Match(path ?? "", method);
        var address = "/workflows/" + (path ?? "").Trim('/');
        if (match.AllowedMethods is { } allowed)
        {
            http.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
            return TypedResults.Problem(
                title: "Method not allowed",
                detail: $"The workflow at '{address}' answers {string.Join(", ", allowed)}, not {method}; send the request with {(allowed.Count == 1 ? "that method" : "one of those methods")}.",
                statusCode: StatusCodes.Status405MethodNotAllowed);
        }

        var definition = match.DefinitionId is { } id ? await definitions.GetAsync(id, null, cancellationToken) : null;
        if (definition is null)
        {
            return TypedResults.Problem(
                title: "No workflow answers here",
                detail: $"No published workflow has an http trigger for '{address}'. Check the address, or publish a workflow with a trigger {{\"kind\": \"http\", \"path\": \"{address["/workflows/".Length..]}\", \"methods\": [\"{method}\"]}}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var request = await HttpRequestInput.ReadAsync(http.Request, path ?? "", match.RouteValues, cancellationToken);
        var instanceId = Guid.CreateVersion7().ToString("N");
        var start = new StartOptions { Input = new JsonObject { [HttpEndpoint.RequestInput] = request }, InstanceId = instanceId };

        // Not tied to the request: a caller who stops waiting does not cancel the instance.
        var run = runtime.StartAsync(definition, start, CancellationToken.None);
        RunResult? result = null;
        JsonObject? storedOutput = null;
        try
        {
            result = await run.WaitAsync(options.Value.ExecuteTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still running: the response may have been written (and committed) before the slow part.
            storedOutput = (await instances.GetInstanceAsync(instanceId, cancellationToken))?.State.Output;
        }

        return HttpTriggerResponse.For(http, instanceId, result, storedOutput);
    }
}
