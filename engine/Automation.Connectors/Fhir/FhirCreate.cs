using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>
/// Creates a resource. With <c>ifNoneExist</c> it is a conditional create: when the search finds the resource already,
/// nothing new is created and <c>created</c> is false, so re-running a flow never makes a second resource.
/// </summary>
[Activity("FhirCreate", FhirInputs.Category, "FHIR create", Description = "Creates a FHIR resource, optionally only if a search finds none (If-None-Exist).")]
public sealed class FhirCreate(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity
{
    public static readonly Input<string> Connection = FhirInputs.Connection();

    public static readonly Input<JsonNode> Resource = new("resource", "Resource", DataType.Object)
    {
        Required = true,
        Editor = InputEditor.Json,
        Description = "The resource as JSON, with its resourceType; checked with the FHIR R4 parser before it is sent.",
    };

    public static readonly Input<string> IfNoneExist = new("ifNoneExist", "Only if none matches", DataType.String)
    {
        Description = "A search such as identifier=system|value; if it matches one resource, that one is returned and nothing is created.",
    };

    public static readonly Input<string> ResultVariable = FhirInputs.ResultVariable("Receives {id, created, resource}: the new or the already existing resource.");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var call = FhirCall.Open(context, Connection, catalog, clients);
        var resource = FhirResources.Parse(context, Resource, context.Get(Resource, personal: true));
        var type = resource.TypeName;
        var condition = context.Get(IfNoneExist, personal: true)?.Trim().TrimStart('?');

        var response = await call.SendAsync(HttpMethod.Post, type, FhirResources.Serialize(resource), condition, cancellationToken);
        if (!response.IsSuccess)
        {
            throw call.Failure($"FHIR create of a {type}", response);
        }

        var created = response.Status == 201;
        var stored = response.Body as JsonObject;
        var id = (string?)stored?["id"] ?? IdFrom(response.Location, type);
        if (id is null)
        {
            throw new WorkflowFaultException(
                $"FHIR create of a {type} by activity '{context.ActivityId}' succeeded ({response.Status}), but the server sent neither the resource nor a Location with its id; ask the server to return the resource (Prefer: return=representation).");
        }

        context.Log(created ? $"Created {type}/{id}." : $"{type}/{id} already exists (matched '{IfNoneExist.Name}'); nothing was created.");
        context.RecordOutput("id", id);
        context.RecordOutput("created", created);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, new JsonObject { ["id"] = id, ["created"] = created, ["resource"] = stored?.DeepClone() });
        }

        return ActivityResult.Done;
    }

    /// <summary>The id from a Location such as <c>…/Patient/7/_history/1</c>.</summary>
    private static string? IdFrom(Uri? location, string type)
    {
        var segments = location?.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.LastIndexOf(segments, type);
        return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
    }
}
