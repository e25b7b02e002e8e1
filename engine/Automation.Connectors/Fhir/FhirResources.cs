using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Automation.Engine.Activities;
using Automation.Engine.Runtime;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Automation.Connectors.Fhir;

/// <summary>
/// Checks resources with the official Hl7 R4 parser before they are sent, and turns them back into the plain JSON
/// that workflow variables hold.
/// </summary>
internal static partial class FhirResources
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>Parses an input as a FHIR resource; a fault names the input, the activity and every field the parser rejected.</summary>
    public static Resource Parse(ActivityContext context, InputDescriptor input, JsonNode? value)
    {
        if (value is not JsonObject json)
        {
            throw new WorkflowFaultException(
                $"Input '{input.Name}' of activity '{context.ActivityId}' must be a FHIR resource: a JSON object with a resourceType, such as {{\"resourceType\": \"Patient\", ...}}; it is {JsonValueConverter.Describe(value)}.");
        }

        if (json["resourceType"] is JsonValue named && named.TryGetValue<string>(out var type) && !IsResourceType(type))
        {
            throw new WorkflowFaultException(
                $"Input '{input.Name}' of activity '{context.ActivityId}' has resourceType '{type}', which is not a FHIR R4 resource type; use one such as Patient, ServiceRequest or Encounter (the case matters).");
        }

        try
        {
            return Deserializer.DeserializeResource(json.ToJsonString());
        }
        catch (DeserializationFailedException ex)
        {
            var problems = ex.Exceptions.Select(e => WithoutPosition(e.Message)).Distinct(StringComparer.Ordinal);
            throw new WorkflowFaultException(
                $"Input '{input.Name}' of activity '{context.ActivityId}' is not a valid FHIR R4 resource: {string.Join(" ", problems)} Fix the named field and run again.",
                ex);
        }
    }

    /// <summary>The resource in the official JSON format, as it goes on the wire.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    public static void CheckType(ActivityContext context, InputDescriptor input, string? type)
    {
        if (string.IsNullOrWhiteSpace(type) || !IsResourceType(type))
        {
            throw new WorkflowFaultException(
                $"Input '{input.Name}' of activity '{context.ActivityId}' is '{type}', which is not a FHIR R4 resource type; use one such as Patient, ServiceRequest or Encounter (the case matters).");
        }
    }

    public static void CheckId(ActivityContext context, InputDescriptor input, string? id)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            throw new WorkflowFaultException(
                $"Input '{input.Name}' of activity '{context.ActivityId}' is '{id}', which is not a FHIR id; an id has 1 to 64 letters, digits, '-' or '.'.");
        }
    }

    /// <summary>Exact names only: the Hl7 lookup ignores case, but FHIR servers do not.</summary>
    public static bool IsResourceType(string type) => ModelInfo.SupportedResources.Contains(type, StringComparer.Ordinal);

    /// <summary>Parses a response body; a body that is not JSON is kept as text so the flow can still show it.</summary>
    public static JsonNode? ParseBody(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    // The parser's line and column refer to its own compact copy of the input, which the user never sees.
    private static string WithoutPosition(string message) => PositionPattern().Replace(message, "");

    [GeneratedRegex(@",? line \d+, position \d+")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
