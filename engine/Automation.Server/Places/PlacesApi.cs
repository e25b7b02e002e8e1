using Automation.Places.Model;
using Automation.Places.Projection;
using Automation.Places.Registry;
using Automation.Places.Spatial;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace Automation.Server.Places;

/// <summary>
/// The place registry for patient-transport planners: address autocomplete, reverse lookup, which areas contain a
/// point, nearest meeting points, and the area outlines the planner page draws as its offline map.
/// Points go in and come out as WGS84 lat/lon (with EPSG:25832 metres alongside in results).
/// </summary>
public static class PlacesApi
{
    // The planner page's base map: 50 m keeps the outlines recognisable and the GeoJSON small enough to load at once.
    private const double MapToleranceMetres = 50;

    // Five decimals of a degree are about a metre: plenty for outlines simplified to 50 m, and half the bytes of full precision.
    private static readonly PrecisionModel MapPrecision = new(100_000);

    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/places").WithTags("Places");
        group.MapGet("/search", Search).RequireAuthorization(Policies.UsePlaces);
        group.MapGet("/reverse", Reverse).RequireAuthorization(Policies.UsePlaces);
        group.MapGet("/areas", Areas).RequireAuthorization(Policies.UsePlaces);
        group.MapGet("/nearest", Nearest).RequireAuthorization(Policies.UsePlaces);
        group.MapGet("/map/{kind}", Map).RequireAuthorization(Policies.UsePlaces);
        group.MapGet("/status", Status).RequireAuthorization(Policies.UsePlaces);
        return app;
    }

    private static Results<Ok<IReadOnlyList<AddressResult>>, ProblemHttpResult> Search(string? q, int? limit, PlacesRegistry registry)
    {
        if (limit is < 1 or > 100)
        {
            return ApiProblems.BadRequest("Bad limit", $"limit must be between 1 and 100; got {limit}.");
        }

        return TypedResults.Ok(registry.Search(q, limit ?? PlacesRegistry.DefaultLimit));
    }

    private static Results<Ok<ReverseResult>, ProblemHttpResult> Reverse(double? lat, double? lon, double? maxM, string? point, PlacesRegistry registry)
    {
        if (lat is null || lon is null)
        {
            return MissingPoint();
        }

        AddressPointKind measureTo;
        switch (point?.ToLowerInvariant())
        {
            case null or "" or "entrance":
                measureTo = AddressPointKind.Entrance;
                break;
            case "road":
                measureTo = AddressPointKind.RoadPoint;
                break;
            default:
                return ApiProblems.BadRequest("Bad point kind", $"point must be 'entrance' or 'road'; got '{point}'.");
        }

        return Answer<ReverseResult>(() =>
        {
            var max = maxM ?? PlacesRegistry.DefaultMaxDistanceMetres;
            return registry.Reverse(lat.Value, lon.Value, max, measureTo) is { } hit
                ? TypedResults.Ok(hit)
                : ApiProblems.NotFound($"No address within {max} m of ({lat}, {lon}); widen the search with maxM.");
        });
    }

    private static Results<Ok<AreasResult>, ProblemHttpResult> Areas(double? lat, double? lon, PlacesRegistry registry) =>
        lat is null || lon is null ? MissingPoint() : Answer<AreasResult>(() => TypedResults.Ok(registry.Areas(lat.Value, lon.Value)));

    private static Results<Ok<IReadOnlyList<MeetingPointResult>>, ProblemHttpResult> Nearest(double? lat, double? lon, int? k, string? kind, PlacesRegistry registry) =>
        lat is null || lon is null
            ? MissingPoint()
            : Answer<IReadOnlyList<MeetingPointResult>>(() => TypedResults.Ok(registry.Nearest(lat.Value, lon.Value, k ?? 5, kind)));

    private static Results<Ok<FeatureCollection>, ProblemHttpResult> Map(string kind, PlacesRegistry registry)
    {
        AreaKind? parsed = Enum.GetValues<AreaKind>().Cast<AreaKind?>().FirstOrDefault(k => string.Equals(AreaResult.KindName(k!.Value), kind, StringComparison.OrdinalIgnoreCase));
        if (parsed is null)
        {
            return ApiProblems.BadRequest("Bad area kind", $"Unknown area kind '{kind}'; use kommune, postcode, region or alarm.");
        }

        var features = new FeatureCollection();
        foreach (var area in registry.AreasOf(parsed.Value))
        {
            var outline = UtmProjection.Instance.ToWgs84(TopologyPreservingSimplifier.Simplify(area.Geometry, MapToleranceMetres));
            features.Add(new Feature(GeometryPrecisionReducer.ReducePointwise(outline, MapPrecision), new AttributesTable
            {
                { "kind", AreaResult.KindName(area.Kind) },
                { "code", area.Code },
                { "name", area.Name },
            }));
        }

        return TypedResults.Ok(features);
    }

    private static Ok<ServedCounts> Status(PlacesRegistry registry) => TypedResults.Ok(registry.Counts);

    private static ProblemHttpResult MissingPoint() =>
        ApiProblems.BadRequest("Missing point", "Give the point as lat and lon query parameters (WGS84), e.g. ?lat=56.19&lon=10.17.");

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Func<Results<Ok<T>, ProblemHttpResult>> lookup)
    {
        try
        {
            return lookup();
        }
        catch (PlaceInputException ex)
        {
            return ApiProblems.BadRequest("Bad place query", ex.Message);
        }
    }
}
