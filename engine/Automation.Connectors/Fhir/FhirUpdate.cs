using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>Replaces a resource by its id (PUT); the resource must carry the id.</summary>
[Activity("FhirUpdate", FhirInputs.Category, "FHIR update", Description = "Updates (replaces) a FHIR resource by its id.")]
public sealed class FhirUpdate(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity
{
    public static readonly Input<string> Connection = FhirInputs.Connection();

    public static readonly Input<JsonNode> Resource = new("resource", "Resource", DataType.Object)
    {
        Required = true,
        Editor = InputEditor.Json,
        Description = "The whole resource as JSON, with resourceType and id; checked with the FHIR R4 parser before it is sent.",
    };

    public static readonly Input<string> ResultVariable = FhirInputs.ResultVariable("Receives the stored resource (with its new version).");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var call = FhirCall.Open(context, Connection, catalog, clients);
        var resource = FhirResources.Parse(context, Resource, context.Get(Resource, personal: true));
        var type = resource.TypeName;
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw new WorkflowFaultException(
                $"Input '{Resource.Name}' of activity '{context.ActivityId}' is a {type} without an id; an update needs the id of the resource to replace (use FHIR create for a new one).");
        }

        var response = await call.SendAsync(HttpMethod.Put, $"{type}/{resource.Id}", FhirResources.Serialize(resource), ifNoneExist: null, cancellationToken);
        if (!response.IsSuccess)
        {
            throw call.Failure($"FHIR update of {type}/{resource.Id}", response);
        }

        context.RecordOutput("id", resource.Id);
        context.RecordOutput("created", response.Status == 201);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, response.Body as JsonObject);
        }

        return ActivityResult.Done;
    }
}
