using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Places.Registry;

namespace Automation.Places.Activities;

/// <summary>Inputs and plumbing the place activities share: a point as lat/lon and where the result goes.</summary>
internal static class PlaceActivityInputs
{
    public static readonly Input<double?> Lat = new("lat", "Latitude", DataType.Number)
    {
        Required = true,
        Editor = InputEditor.Number,
        Description = "WGS84 latitude, for example variables.address.lat from Lookup address.",
    };

    public static readonly Input<double?> Lon = new("lon", "Longitude", DataType.Number)
    {
        Required = true,
        Editor = InputEditor.Number,
        Description = "WGS84 longitude, for example variables.address.lon from Lookup address.",
    };

    public static Input<string> ResultVariable(string description) => new("resultVariable", "Store result in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
        Description = description,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Json);

    /// <summary>Reads the point; a missing or invalid point faults the activity with the reason.</summary>
    public static (double Lat, double Lon) Point(ActivityContext context)
    {
        var lat = context.Get(Lat);
        var lon = context.Get(Lon);
        if (lat is null || lon is null)
        {
            throw new WorkflowFaultException($"{context.ActivityId}: both lat and lon are required; map them from a Lookup address result, e.g. variables.address.lat.");
        }

        return (lat.Value, lon.Value);
    }

    /// <summary>Runs a registry call, turning its input errors into a fault naming the activity.</summary>
    public static T Call<T>(ActivityContext context, Func<T> lookup)
    {
        try
        {
            return lookup();
        }
        catch (PlaceInputException ex)
        {
            throw new WorkflowFaultException($"{context.ActivityId}: {ex.Message}", ex);
        }
    }

    /// <summary>Stores <paramref name="value"/> in the result variable, when one is named, and as the activity's output.</summary>
    public static void Store(ActivityContext context, Input<string> resultVariable, string outputName, JsonNode? value)
    {
        context.RecordOutput(outputName, value?.DeepClone(), personal: false);
        var variable = context.Get(resultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, value);
        }
    }
}
