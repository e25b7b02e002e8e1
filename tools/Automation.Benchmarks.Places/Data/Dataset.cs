using Automation.Places.Model;

namespace Automation.Benchmarks.Places.Data;

/// <summary>The generated files read back into the registry's model (repeated strings shared, as a store would).</summary>
internal sealed class Dataset
{
    private Dataset(List<AddressRecord> addresses, List<MeetingPoint> meetingPoints)
    {
        Addresses = addresses;
        MeetingPoints = meetingPoints;
    }

    public List<AddressRecord> Addresses { get; }

    public List<MeetingPoint> MeetingPoints { get; }

    public static bool Exists(string folder) =>
        File.Exists(Path.Combine(folder, Generator.AddressesFile)) && File.Exists(Path.Combine(folder, Generator.MeetingPointsFile));

    public static Dataset Read(string folder) => new([.. ReadAddresses(folder)], ReadMeetingPoints(folder));

    /// <summary>Streams the addresses, so an import can write them without holding them all.</summary>
    public static IEnumerable<AddressRecord> ReadAddresses(string folder)
    {
        // Repeated values (road names, postal names, floors...) are shared through a span lookup, so a repeated value
        // costs no allocation at all; unquoted fields are sliced straight from the line.
        var pool = new HashSet<string>(StringComparer.Ordinal);
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var starts = new int[32];
        var lengths = new int[32];
        using var reader = new StreamReader(Path.Combine(folder, Generator.AddressesFile), System.Text.Encoding.UTF8, true, 1 << 20);
        if (reader.ReadLine() != Generator.AddressHeader)
        {
            throw new InvalidDataException($"{Generator.AddressesFile} in {folder} has another column layout; delete the folder and generate again.");
        }

        while (reader.ReadLine() is { } line)
        {
            if (line.Contains('"', StringComparison.Ordinal))
            {
                var fields = Csv.Split(line);
                yield return Record(fields[0], fields[1], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10],
                    fields[11], fields[12], fields[13], fields[14], fields[19], fields[20], fields[21]);
                continue;
            }

            var count = 0;
            var at = 0;
            for (var i = 0; i <= line.Length; i++)
            {
                if (i == line.Length || line[i] == ',')
                {
                    starts[count] = at;
                    lengths[count] = i - at;
                    count++;
                    at = i + 1;
                }
            }

            ReadOnlySpan<char> F(int n) => line.AsSpan(starts[n], lengths[n]);
            yield return new AddressRecord(
                Guid.Parse(F(0)), Guid.Parse(F(1)), Shared(F(3), pad: true), Shared(F(4)), Shared(F(5)), Shared(F(6)), Shared(F(7)),
                NullIfEmpty(Shared(F(8))), NullIfEmpty(Shared(F(9))), NullIfEmpty(Shared(F(10))), Shared(F(11)), Shared(F(12)),
                new UtmPoint(Number(F(13)), Number(F(14))),
                new UtmPoint(Number(F(20)), Number(F(21))),
                F(19).ToString());
        }

        string Shared(ReadOnlySpan<char> text, bool pad = false)
        {
            if (pad && text.Length < 4)
            {
                return Shared(string.Concat(new string('0', 4 - text.Length), text));
            }

            if (!lookup.TryGetValue(text, out var shared))
            {
                shared = text.ToString();
                pool.Add(shared);
            }

            return shared;
        }

        AddressRecord Record(string id, string accessId, string kommune, string roadCode, string road, string addressingRoad, string houseNumber,
            string floor, string door, string supplementary, string postCode, string postName, string x, string y, string text, string roadX, string roadY) =>
            new(Guid.Parse(id), Guid.Parse(accessId), Shared(kommune, pad: true), Shared(roadCode), Shared(road), Shared(addressingRoad), Shared(houseNumber),
                NullIfEmpty(Shared(floor)), NullIfEmpty(Shared(door)), NullIfEmpty(Shared(supplementary)), Shared(postCode), Shared(postName),
                new UtmPoint(Number(x), Number(y)), new UtmPoint(Number(roadX), Number(roadY)), text);
    }

    public static List<MeetingPoint> ReadMeetingPoints(string folder)
    {
        var meetingPoints = new List<MeetingPoint>();
        foreach (var f in Csv.Rows(Path.Combine(folder, Generator.MeetingPointsFile), out _))
        {
            meetingPoints.Add(new MeetingPoint(Guid.Parse(f[0]), f[1], string.Intern(f[2]),
                new UtmPoint(Csv.ParseNumber(f[3]), Csv.ParseNumber(f[4])),
                f[5].Length == 0 ? null : Guid.Parse(f[5]), f[6], null));
        }

        return meetingPoints;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static double Number(ReadOnlySpan<char> text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
