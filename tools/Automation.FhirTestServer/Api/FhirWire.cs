using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Automation.FhirTestServer.Api;

/// <summary>The official Hl7 JSON parser and serializer, so the wire format is the one real FHIR servers use.</summary>
internal static class FhirWire
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly FhirJsonSerializer Serializer = new();

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>Parses a resource; the error lists every problem the parser found, each with its element path.</summary>
    public static bool TryParse(string json, out Resource? resource, out string error)
    {
        try
        {
            resource = Deserializer.DeserializeResource(json);
            error = "";
            return true;
        }
        catch (DeserializationFailedException ex)
        {
            resource = null;
            error = string.Join("; ", ex.Exceptions.Select(e => e.Message));
            return false;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            resource = null;
            error = "The body is not valid JSON: " + ex.Message;
            return false;
        }
    }

    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
