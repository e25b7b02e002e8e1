using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Engine.Definitions;

/// <summary>The one set of JSON options used for definitions and instance state, so the format never drifts.</summary>
public static class WorkflowJson
{
    /// <summary>camelCase, enums as strings, indented for files people read and diff.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>The same format without indentation, for storage.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
