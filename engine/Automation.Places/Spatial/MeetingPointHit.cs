using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>A meeting point and its straight-line distance from the query point.</summary>
/// <param name="MeetingPoint">The meeting point.</param>
/// <param name="DistanceMetres">Straight-line distance in metres.</param>
public sealed record MeetingPointHit(MeetingPoint MeetingPoint, double DistanceMetres);
