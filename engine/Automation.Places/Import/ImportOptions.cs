using Automation.Places.Model;

namespace Automation.Places.Import;

/// <summary>How to read a file; everything left null is detected from the file.</summary>
/// <param name="Kind">Addresses, areas or meeting points; detected from the extension and header when null.</param>
/// <param name="AreaKind">For areas: overrides the kind read from the properties (e.g. alarm areas drawn from kommune polygons).</param>
/// <param name="MeetingPointKind">For meeting points without a kind column, e.g. "hospital-entrance".</param>
public sealed record ImportOptions(ImportKind? Kind = null, AreaKind? AreaKind = null, string? MeetingPointKind = null);
