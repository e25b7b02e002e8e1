using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>Sends a transaction Bundle: the server applies all entries or none.</summary>
[Activity("FhirTransaction", FhirInputs.Category, "FHIR transaction", Description = "Sends a transaction Bundle (all entries or none) and stores the server's response Bundle.")]
public sealed class FhirTransaction(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity
{
    public static readonly Input<string> Connection = FhirInputs.Connection();

    public static readonly Input<JsonNode> Bundle = new("bundle", "Bundle or entries", DataType.Any)
    {
        Required = true,
        Editor = InputEditor.Json,
        Description = "A Bundle of type transaction, or just its entries as an array of {fullUrl, resource, request: {method, url, ifNoneExist}}.",
    };

    public static readonly Input<string> ResultVariable = FhirInputs.ResultVariable("Receives the transaction-response Bundle (one entry per request, with status, location and resource).");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var call = FhirCall.Open(context, Connection, catalog, clients);
        var given = context.Get(Bundle, personal: true);
        var json = given is JsonArray entries
            ? new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = entries.DeepClone() }
            : given;
        var parsed = FhirResources.Parse(context, Bundle, json);
        if (parsed is not Hl7.Fhir.Model.Bundle { Type: Hl7.Fhir.Model.Bundle.BundleType.Transaction } bundle)
        {
            throw new WorkflowFaultException(
                $"Input '{Bundle.Name}' of activity '{context.ActivityId}' is a {parsed.TypeName}{(parsed is Hl7.Fhir.Model.Bundle b ? $" of type '{b.Type}'" : "")}; give a Bundle with \"type\": \"transaction\", or an array of its entries.");
        }

        var response = await call.SendAsync(HttpMethod.Post, "", FhirResources.Serialize(bundle), ifNoneExist: null, cancellationToken);
        if (!response.IsSuccess || response.Body is not JsonObject result)
        {
            throw call.Failure($"FHIR transaction of {bundle.Entry.Count} entries", response);
        }

        context.Log($"FHIR transaction applied {bundle.Entry.Count} entries.");
        context.RecordOutput("entries", bundle.Entry.Count);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, result);
        }

        return ActivityResult.Done;
    }
}
