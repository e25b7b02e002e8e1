using System.Globalization;
using Automation.Places.Model;

namespace Automation.Places.Import;

/// <summary>
/// Reads the DAR-style address CSVs (comma-separated, header row, quoted betegnelse): an adgangsadresser file
/// (<c>adgangsadresse_id</c>, no floor/door) or an adresser file (<c>adresse_id</c> + <c>etage</c>/<c>doer</c>), told
/// apart by the header. Coordinates come from <c>etrs89_oest/etrs89_nord</c>; <c>wgs84_lat/lon</c>, when present, are
/// only checked (swapped, outside Denmark). Optional <c>vejpunkt_oest/vejpunkt_nord</c> give the road point.
/// </summary>
internal sealed class AddressCsvReader
{
    private static readonly string[] Required =
    [
        "adgangsadresse_id", "kommunekode", "vejkode", "vejnavn", "husnr", "postnr", "postnrnavn", "etrs89_oest", "etrs89_nord", "betegnelse",
    ];

    private readonly string _file;

    public AddressCsvReader(string file) => _file = file;

    /// <summary>True when the header names the columns of a DAR-style address file.</summary>
    public static bool Recognises(IReadOnlyList<string> header) => header.Contains("adgangsadresse_id") && header.Contains("betegnelse");

    public IEnumerable<ImportRow<AddressRecord>> Read(TextReader text, Action<long> rowsRead)
    {
        var csv = new CsvRows(text);
        if (!csv.Read())
        {
            yield return Fail(1, null, "the file is empty; expected a header row starting with adgangsadresse_id");
            yield break;
        }

        var header = csv.Fields.Select(h => h.Trim()).ToArray();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            yield return Fail(1, null, $"not a DAR-style address CSV: missing column(s) {string.Join(", ", missing)}");
            yield break;
        }

        int Index(string name) => Array.IndexOf(header, name);
        var units = header.Contains("adresse_id");
        var c = new Columns(
            units ? Index("adresse_id") : -1, Index("adgangsadresse_id"), Index("kommunekode"), Index("vejkode"), Index("vejnavn"), Index("adresseringsvejnavn"),
            Index("husnr"), Index("etage"), Index("doer"), Index("supplerendebynavn"), Index("postnr"), Index("postnrnavn"),
            Index("etrs89_oest"), Index("etrs89_nord"), Index("vejpunkt_oest"), Index("vejpunkt_nord"), Index("wgs84_lat"), Index("wgs84_lon"), Index("betegnelse"));
        long rows = 0;
        while (csv.Read())
        {
            if ((++rows & 0x3FFF) == 0)
            {
                rowsRead(rows);
            }

            yield return ReadRow(csv, header, c, strings);
        }

        rowsRead(rows);
    }

    private ImportRow<AddressRecord> ReadRow(CsvRows csv, string[] header, Columns c, Dictionary<string, string> strings)
    {
        var line = csv.Line;

        // Kommunekoder come with or without leading zeros ("101" or "0101"); the model uses four digits.
        string KommuneCode(ReadOnlySpan<char> code)
        {
            if (code.Length >= 4)
            {
                return Shared(code);
            }

            Span<char> padded = stackalloc char[4];
            padded.Fill('0');
            code.CopyTo(padded[(4 - code.Length)..]);
            return Shared(padded);
        }
        if (csv.Count != header.Length)
        {
            return Fail(line, null, $"the row has {csv.Count} fields but the header has {header.Length}; check quoting and commas");
        }

        string? Field(int index) => index < 0 ? null : csv[index];
        string? Optional(int index) => index >= 0 && csv.Span(index).Length > 0 ? csv[index] : null;
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

        // Road names, town names and codes repeat across millions of rows: share one string each.
        string Shared(ReadOnlySpan<char> span)
        {
            if (lookup.TryGetValue(span, out var shared))
            {
                return shared;
            }

            var value = span.ToString();
            if (strings.Count < 1_000_000)
            {
                strings.Add(value, value);
            }

            return value;
        }

        string? SharedOptional(int index) => index >= 0 && csv.Span(index).Length > 0 ? Shared(csv.Span(index)) : null;

        foreach (var index in (ReadOnlySpan<int>)[c.AccessId, c.Kommune, c.RoadCode, c.RoadName, c.HouseNumber, c.PostCode, c.PostCodeName, c.East, c.North, c.Text])
        {
            if (csv.Span(index).IsWhiteSpace())
            {
                return Fail(line, header[index], $"{header[index]} is empty; every address needs it");
            }
        }

        if (!Guid.TryParse(csv.Span(c.AccessId), out var accessId))
        {
            return Fail(line, "adgangsadresse_id", $"'{Field(c.AccessId)}' is not a UUID");
        }

        var id = accessId;
        if (c.Id >= 0 && !Guid.TryParse(csv.Span(c.Id), out id))
        {
            return Fail(line, "adresse_id", $"'{Field(c.Id)}' is not a UUID");
        }

        if (!TryNumber(csv.Span(c.East), out var east))
        {
            return Fail(line, "etrs89_oest", $"'{Field(c.East)}' is not a number (use a dot as decimal separator)");
        }

        if (!TryNumber(csv.Span(c.North), out var north))
        {
            return Fail(line, "etrs89_nord", $"'{Field(c.North)}' is not a number (use a dot as decimal separator)");
        }

        var entrance = new UtmPoint(east, north);
        if (DenmarkBounds.CheckUtm(entrance) is { } utmProblem)
        {
            return Fail(line, "etrs89_oest", utmProblem);
        }

        if (c.Lat >= 0 && c.Lon >= 0 && csv.Span(c.Lat).Length > 0 && csv.Span(c.Lon).Length > 0)
        {
            if (!TryNumber(csv.Span(c.Lat), out var lat) || !TryNumber(csv.Span(c.Lon), out var lon))
            {
                return Fail(line, "wgs84_lat", $"'{csv[c.Lat]}', '{csv[c.Lon]}' are not numbers");
            }

            if (DenmarkBounds.CheckWgs84(lon, lat) is { } wgsProblem)
            {
                return Fail(line, "wgs84_lat", wgsProblem);
            }
        }

        UtmPoint? roadPoint = null;
        if (Optional(c.RoadEast) is { } roadEast && Optional(c.RoadNorth) is { } roadNorth)
        {
            if (!TryNumber(roadEast, out var rx) || !TryNumber(roadNorth, out var ry))
            {
                return Fail(line, "vejpunkt_oest", $"'{roadEast}', '{roadNorth}' are not numbers");
            }

            roadPoint = new UtmPoint(rx, ry);
            if (DenmarkBounds.CheckUtm(roadPoint.Value) is { } roadProblem)
            {
                return Fail(line, "vejpunkt_oest", roadProblem);
            }
        }

        var roadName = Shared(csv.Span(c.RoadName));
        var record = new AddressRecord(
            id,
            accessId,
            KommuneCode(csv.Span(c.Kommune)),
            Shared(csv.Span(c.RoadCode)),
            roadName,
            SharedOptional(c.AddressingRoadName) ?? roadName,
            Shared(csv.Span(c.HouseNumber)),
            SharedOptional(c.Floor),
            SharedOptional(c.Door),
            SharedOptional(c.Town),
            Shared(csv.Span(c.PostCode)),
            Shared(csv.Span(c.PostCodeName)),
            entrance,
            roadPoint,
            csv[c.Text]);
        return new ImportRow<AddressRecord>(line, record, null);
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private ImportRow<AddressRecord> Fail(int line, string? column, string reason) => new(line, null, new ImportProblem(_file, line, column, reason));

    private sealed record Columns(
        int Id, int AccessId, int Kommune, int RoadCode, int RoadName, int AddressingRoadName, int HouseNumber, int Floor, int Door, int Town,
        int PostCode, int PostCodeName, int East, int North, int RoadEast, int RoadNorth, int Lat, int Lon, int Text);
}
