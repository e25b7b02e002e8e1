using Automation.Engine.Activities;
using Automation.Places.Registry;

namespace Automation.Places.Activities;

/// <summary>Tells which kommune, postal district, region and alarm area(s) contain a point.</summary>
[Activity("FindArea", "Places", "Find area", Description = "Which kommune, postal code, region and alarm areas contain a point; Found or Outside (no alarm area).", Outcomes = [FoundPort, OutsidePort])]
public sealed class FindArea(PlacesRegistry registry) : IActivity
{
    public const string FoundPort = "Found";
    public const string OutsidePort = "Outside";

    public static readonly Input<double?> Lat = PlaceActivityInputs.Lat;
    public static readonly Input<double?> Lon = PlaceActivityInputs.Lon;

    public static readonly Input<string> ResultVariable = PlaceActivityInputs.ResultVariable(
        "Receives {kommune, postCode, region, alarmAreas: [{kind, code, name}]}.");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var (lat, lon) = PlaceActivityInputs.Point(context);
        var areas = PlaceActivityInputs.Call(context, () => registry.Areas(lat, lon));
        PlaceActivityInputs.Store(context, ResultVariable, "areas", PlaceActivityInputs.ToNode(areas));
        return ValueTask.FromResult(ActivityResult.Outcome(areas.AlarmAreas.Count > 0 ? FoundPort : OutsidePort));
    }
}
