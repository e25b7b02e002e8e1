using System.Text.Json;
using System.Text.Json.Serialization;

namespace Automation.Engine.Queues;

/// <summary>How queue items and their history are written as JSON (camelCase, enums by name).</summary>
public static class WorkQueueJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
