using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Fhir;

/// <summary>Reads one resource by type and id; a resource the server does not have (404 or 410) takes the NotFound port.</summary>
[Activity("FhirRead", FhirInputs.Category, "FHIR read", Description = "Reads a FHIR resource by type and id into a variable.", Outcomes = [Ports.Done, NotFoundPort])]
public sealed class FhirRead(IConnectionCatalog catalog, IConnectionHttpClients clients) : IActivity
{
    public const string NotFoundPort = "NotFound";

    public static readonly Input<string> Connection = FhirInputs.Connection();

    public static readonly Input<string> ResourceType = FhirInputs.ResourceType();

    public static readonly Input<string> Id = new("id", "Id", DataType.String) { Required = true, Description = "The resource's logical id." };

    public static readonly Input<string> ResultVariable = FhirInputs.ResultVariable("Receives the resource as JSON.");

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var call = FhirCall.Open(context, Connection, catalog, clients);
        var type = context.Get(ResourceType);
        FhirResources.CheckType(context, ResourceType, type);
        var id = context.Get(Id)?.Trim();
        FhirResources.CheckId(context, Id, id);

        var response = await call.SendAsync(HttpMethod.Get, $"{type}/{id}", body: null, ifNoneExist: null, cancellationToken);
        if (response.Status is 404 or 410)
        {
            if (!context.IsConnected(NotFoundPort))
            {
                throw new WorkflowFaultException(
                    $"{type}/{id} was not found (status {response.Status}). Activity '{context.ActivityId}' has no connection from its '{NotFoundPort}' port; connect that port to handle a missing resource.");
            }

            return ActivityResult.Outcome(NotFoundPort);
        }

        if (!response.IsSuccess || response.Body is not JsonObject resource)
        {
            throw call.Failure($"FHIR read of {type}/{id}", response);
        }

        context.RecordOutput("id", id);
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, resource);
        }

        return ActivityResult.Done;
    }
}
