using Automation.Places.Import;
using Automation.Places.Model;
using Automation.Places.Store;
using Automation.Server.Errors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Automation.Server.Places;

/// <summary>
/// Administrators import place data over HTTP: the body is one file (DAR-style CSV, or GeoJSON areas or meeting
/// points). A file with any rejected row writes nothing and answers 422 with every problem; otherwise the lookups are
/// rebuilt before the answer, so the next search already sees the new data.
/// </summary>
public static class PlacesImportApi
{
    // Area and address files are several megabytes; the server's default body limit (1 MiB) is for JSON requests.
    private const long MaxImportBytes = 256L * 1024 * 1024;

    public static IEndpointRouteBuilder MapPlacesImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/places/import", ImportAsync)
            .WithTags("Places")
            .WithMetadata(new ImportSizeLimit())
            .RequireAuthorization(Policies.Administer);
        return app;
    }

    private static async Task<Results<Ok<ImportResult>, UnprocessableEntity<ImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, string? file, string? kind, string? areaKind, string? meetingPointKind,
        PlacesStore store, PlacesLoader loader, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(file ?? "").ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(file) || extension is not (".csv" or ".geojson" or ".json"))
        {
            return ApiProblems.BadRequest("Missing file name", "Name the file with ?file=NAME.csv or ?file=NAME.geojson; the name is used in problem reports and to tell CSV from GeoJSON.");
        }

        ImportOptions options;
        try
        {
            options = new ImportOptions(ParseKind(kind), ParseAreaKind(areaKind), string.IsNullOrWhiteSpace(meetingPointKind) ? null : meetingPointKind);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.BadRequest("Bad import option", ex.Message);
        }

        // The importer reads a file (it detects the kind from the first bytes and reports line numbers): keep the
        // upload under its own name in a private folder, and remove it afterwards.
        var folder = Directory.CreateTempSubdirectory("places-import-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(file));
            await using (var target = File.Create(path))
            {
                await request.Body.CopyToAsync(target, cancellationToken);
            }

            ImportResult result;
            try
            {
                result = await new PlacesImporter(store).ImportFileAsync(path, options, progress: null, cancellationToken);
            }
            catch (ImportException ex)
            {
                return ApiProblems.BadRequest("Cannot import", ex.Message.Replace(path, file, StringComparison.Ordinal));
            }

            result = result with { File = file, Problems = [.. result.Problems.Select(p => p with { File = file })] };
            await Audit.AuditEvents.PlacesImportedAsync(request.HttpContext, result);
            if (!result.Written)
            {
                return TypedResults.UnprocessableEntity(result);
            }

            await loader.ReloadAsync(cancellationToken);
            return TypedResults.Ok(result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ImportKind? ParseKind(string? kind) => kind?.ToLowerInvariant() switch
    {
        null or "" => null,
        "addresses" => ImportKind.Addresses,
        "areas" => ImportKind.Areas,
        "meeting-points" => ImportKind.MeetingPoints,
        _ => throw new ArgumentException($"Unknown kind '{kind}'; use addresses, areas or meeting-points."),
    };

    private static AreaKind? ParseAreaKind(string? areaKind) => areaKind?.ToLowerInvariant() switch
    {
        null or "" => null,
        "kommune" => AreaKind.Kommune,
        "postcode" => AreaKind.PostCode,
        "region" => AreaKind.Region,
        "alarm" => AreaKind.Alarm,
        _ => throw new ArgumentException($"Unknown area kind '{areaKind}'; use kommune, postcode, region or alarm."),
    };

    private sealed class ImportSizeLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxImportBytes;
    }
}
