using Automation.Places.Model;

namespace Automation.Places.Spatial;

/// <summary>The answer of a reverse lookup: the nearest address and how far away it is.</summary>
/// <param name="Address">The adgangsadresse found (the access-address record, or the first unit of it when the
/// snapshot holds only units).</param>
/// <param name="Point">The point that was measured to (entrance or road point).</param>
/// <param name="DistanceMetres">Straight-line distance from the query point, in metres.</param>
public sealed record ReverseHit(AddressRecord Address, UtmPoint Point, double DistanceMetres);
