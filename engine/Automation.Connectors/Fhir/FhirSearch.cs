using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>Searches resources of one type, following the Bundle's <c>next</c> links, and returns the matches as an array.</summary>
[Activity("FhirSearch", FhirInputs.Category, "FHIR search", Description = "Searches FHIR resources, following the result pages, into an array variable.")]
public sealed class FhirSearch(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity
{
    public static readonly Input<string> Connection = FhirInputs.Connection();

    public static readonly Input<string> ResourceType = FhirInputs.ResourceType();

    public static readonly Input<JsonNode> Query = new("query", "Search parameters", DataType.Any)
    {
        Editor = InputEditor.Json,
        Description = "Either an object such as {\"identifier\": \"system|value\", \"_count\": 50} (an array value repeats the parameter) or a query string such as identifier=system|value.",
    };

    public static readonly Input<long> MaxPages = new("maxPages", "Most pages", DataType.Integer)
    {
        Default = 10,
        Description = "Stops following next links after this many pages (a logged warning says results remain).",
    };

    public static readonly Input<string> ResultVariable = FhirInputs.ResultVariable("Receives the matching resources as an array.");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var call = FhirCall.Open(context, Connection, catalog, clients);
        var type = context.Get(ResourceType);
        FhirResources.CheckType(context, ResourceType, type);
        var query = QueryString(context, context.Get(Query, personal: true));
        var maxPages = context.Get(MaxPages);
        if (maxPages < 1)
        {
            throw new WorkflowFaultException($"Input '{MaxPages.Name}' of activity '{context.ActivityId}' is {maxPages}; give 1 or more.");
        }

        var resources = new JsonArray();
        var target = query.Length == 0 ? type! : $"{type}?{query}";
        var pages = 0;
        while (target is not null && pages < maxPages)
        {
            var response = await call.SendAsync(HttpMethod.Get, target, body: null, ifNoneExist: null, cancellationToken);
            if (!response.IsSuccess || response.Body is not JsonObject bundle || (string?)bundle["resourceType"] != "Bundle")
            {
                throw call.Failure($"FHIR search of {type} (page {pages + 1})", response);
            }

            pages++;
            foreach (var entry in (bundle["entry"] as JsonArray ?? []).OfType<JsonObject>())
            {
                // Included resources and the server's own OperationOutcome entries are not matches.
                var mode = (string?)entry["search"]?["mode"];
                if (entry["resource"] is JsonObject resource && mode is null or "match")
                {
                    resources.Add(resource.DeepClone());
                }
            }

            target = NextLink(context, call, bundle);
        }

        if (target is not null)
        {
            context.Log($"FHIR search of {type} stopped after {pages} pages with more results left; raise '{MaxPages.Name}' to get them all.");
        }

        context.Log(string.Create(CultureInfo.InvariantCulture, $"FHIR search of {type}: {resources.Count} resources in {pages} {(pages == 1 ? "page" : "pages")}."));
        context.RecordOutput("count", resources.Count);
        context.RecordOutput("complete", target is null);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, resources);
        }

        return ActivityResult.Done;
    }

    /// <summary>The next page, only if it lies under the connection's base: the client sends the connection's credentials with it.</summary>
    private static string? NextLink(ActivityContext context, FhirCall call, JsonObject bundle)
    {
        var next = (bundle["link"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(l => (string?)l["relation"] == "next");
        if ((string?)next?["url"] is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(call.BaseUrl, url, out var uri) || !uri.AbsoluteUri.StartsWith(call.BaseUrl.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new WorkflowFaultException(
                $"Activity '{context.ActivityId}': the server's next-page link {url} leaves the connection's base {call.BaseUrl}; it is not followed, as the connection's credentials would go with it. Check the server's base URL setting.");
        }

        return uri.AbsoluteUri;
    }

    private static string QueryString(ActivityContext context, JsonNode? query)
    {
        switch (query)
        {
            case null:
                return "";
            case JsonValue text when text.TryGetValue<string>(out var s):
                return s.Trim().TrimStart('?');
            case JsonObject parameters:
                var builder = new StringBuilder();
                foreach (var (name, value) in parameters)
                {
                    foreach (var item in value is JsonArray array ? array.ToList() : [value])
                    {
                        if (item is null)
                        {
                            continue;
                        }

                        builder.Append(builder.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(JsonValueConverter.AsText(item)));
                    }
                }

                return builder.ToString();
            default:
                throw new WorkflowFaultException(
                    $"Input '{Query.Name}' of activity '{context.ActivityId}' is {JsonValueConverter.Describe(query)}; give an object of search parameters or a query string such as identifier=system|value.");
        }
    }
}
