using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>
/// The three spatial lookups over one <see cref="PlacesSnapshot"/>, built together (in parallel) and replaced as a
/// whole when the store changes: reverse lookup, point-in-area and nearest meeting points.
/// </summary>
public sealed class SpatialIndex
{
    private SpatialIndex(ReverseLookup addresses, AreaLookup areas, MeetingPointIndex meetingPoints)
    {
        Addresses = addresses;
        Areas = areas;
        MeetingPoints = meetingPoints;
    }

    /// <summary>Nearest address to a point.</summary>
    public ReverseLookup Addresses { get; }

    /// <summary>Kommune, postal district, region and alarm areas containing a point.</summary>
    public AreaLookup Areas { get; }

    /// <summary>The k nearest meeting points.</summary>
    public MeetingPointIndex MeetingPoints { get; }

    /// <summary>Builds all three lookups from <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentException">An area's geometry is not polygonal; the message names the area.</exception>
    public static SpatialIndex Build(PlacesSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ReverseLookup? addresses = null;
        AreaLookup? areas = null;
        MeetingPointIndex? meetingPoints = null;
        try
        {
            Parallel.Invoke(
                () => addresses = ReverseLookup.Build(snapshot.Addresses),
                () => areas = AreaLookup.Build(snapshot.Areas),
                () => meetingPoints = MeetingPointIndex.Build(snapshot.MeetingPoints));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            // Surface the one real error (e.g. an area with a bad geometry) rather than the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
            throw;
        }
        return new SpatialIndex(addresses!, areas!, meetingPoints!);
    }
}
