using System.Text.Json;

namespace Automation.Places.Import;

/// <summary>
/// The features of a GeoJSON FeatureCollection with the line each starts on, so problems can name a line like CSV
/// rows do. (JsonDocument keeps no positions, so a reader pass records the byte offset of every feature first.)
/// </summary>
internal sealed class GeoJsonFeatures : IDisposable
{
    private readonly JsonDocument _document;

    private GeoJsonFeatures(JsonDocument document, List<(JsonElement, int)> features)
    {
        _document = document;
        Features = features;
    }

    public IReadOnlyList<(JsonElement Feature, int Line)> Features { get; }

    /// <exception cref="ImportException">Not JSON, or not a FeatureCollection.</exception>
    public static GeoJsonFeatures Parse(string file, byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new ImportException($"{file}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object ||
            !document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new ImportException($"{file}: not a GeoJSON FeatureCollection (no \"features\" array); export the data as a FeatureCollection.");
        }

        var lines = FeatureLines(bytes);
        var list = new List<(JsonElement, int)>();
        var i = 0;
        foreach (var feature in features.EnumerateArray())
        {
            list.Add((feature, i < lines.Count ? lines[i] : 0));
            i++;
        }

        return new GeoJsonFeatures(document, list);
    }

    public void Dispose() => _document.Dispose();

    /// <summary>The 1-based line where each element of the top-level "features" array starts.</summary>
    private static List<int> FeatureLines(byte[] bytes)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var inFeatures = false;
        var line = 1;
        long counted = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
            {
                inFeatures = reader.ValueTextEquals("features"u8);
            }
            else if (inFeatures && reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.StartObject)
            {
                var offset = reader.TokenStartIndex;
                line += bytes.AsSpan((int)counted, (int)(offset - counted)).Count((byte)'\n');
                counted = offset;
                lines.Add(line);
                reader.Skip();
            }
        }

        return lines;
    }
}
