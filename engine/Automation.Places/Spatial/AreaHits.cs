using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>The areas that contain one point: at most one kommune, postal district and region (the first in snapshot
/// order if the data overlap), and every alarm area.</summary>
/// <param name="Kommune">The kommune, or null outside every kommune (e.g. at sea).</param>
/// <param name="PostCode">The postal district, or null.</param>
/// <param name="Region">The region, or null.</param>
/// <param name="AlarmAreas">All alarm areas containing the point (alarm areas may overlap), in snapshot order.</param>
public sealed record AreaHits(Area? Kommune, Area? PostCode, Area? Region, IReadOnlyList<Area> AlarmAreas);
