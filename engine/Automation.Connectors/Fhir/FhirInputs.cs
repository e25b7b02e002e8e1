using Automation.Engine.Activities;
using Automation.Engine.Definitions;

namespace Automation.Connectors.Fhir;

/// <summary>The inputs every FHIR activity shares; each activity declares its own static fields from these.</summary>
internal static class FhirInputs
{
    public const string Category = "FHIR";

    public static Input<string> Connection() => new("connection", "Connection", DataType.String)
    {
        Required = true,
        AllowExpression = false,
        Description = "Name of a connection of kind Fhir (its base URL, credential and resilience come from the server's configuration).",
    };

    public static Input<string> ResourceType() => new("resourceType", "Resource type", DataType.String)
    {
        Required = true,
        Description = "A FHIR R4 resource type, such as Patient or ServiceRequest.",
    };

    public static Input<string> ResultVariable(string description) => new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = description,
    };
}
