using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Places.Registry;

namespace Automation.Places.Activities;

/// <summary>Lists the k nearest meeting points to a point, nearest first, with straight-line distances.</summary>
[Activity("NearestMeetingPoints", "Places", "Nearest meeting points", Description = "The k nearest meeting points (optionally of one kind) with straight-line distance in metres.")]
public sealed class NearestMeetingPoints(PlacesRegistry registry) : IActivity
{
    public static readonly Input<double?> Lat = PlaceActivityInputs.Lat;
    public static readonly Input<double?> Lon = PlaceActivityInputs.Lon;

    public static readonly Input<int> Count = new("k", "How many", DataType.Integer)
    {
        Default = 5,
        Editor = InputEditor.Number,
        Description = "1 to 1000; 5 when empty.",
    };

    public static readonly Input<string> Kind = new("kind", "Kind", DataType.String)
    {
        Description = "Only meeting points of this kind, e.g. hospital-entrance; all kinds when empty.",
    };

    public static readonly Input<string> ResultVariable = PlaceActivityInputs.ResultVariable(
        "Receives a list of {id, name, kind, lat, lon, x, y, distanceMetres, addressText, notes}.");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var (lat, lon) = PlaceActivityInputs.Point(context);
        var k = context.Get(Count);
        var nearest = PlaceActivityInputs.Call(context, () => registry.Nearest(lat, lon, k == 0 ? 5 : k, context.Get(Kind)));
        PlaceActivityInputs.Store(context, ResultVariable, "meetingPoints", PlaceActivityInputs.ToNode(nearest));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
