using System.Globalization;
using System.Text.Json.Nodes;
using Automation.FhirTestServer.Store;
using Microsoft.AspNetCore.WebUtilities;

namespace Automation.FhirTestServer.Api;

/// <summary>
/// The few search parameters the test server understands: <c>_id</c>, <c>identifier</c> (<c>system|value</c>,
/// <c>value</c> or <c>system|</c>), <c>subject</c>, <c>patient</c>, <c>status</c>, and <c>_count</c>/<c>_offset</c> for paging.
/// </summary>
internal sealed class SearchQuery
{
    public const int DefaultCount = 20;

    private static readonly string[] Supported = ["_id", "identifier", "subject", "patient", "status", "_count", "_offset"];

    private readonly List<(string Name, string Value)> _criteria = [];

    public int Count { get; private set; } = DefaultCount;

    public int Offset { get; private set; }

    /// <summary>The criteria as a query string, without paging (for self and next links).</summary>
    public string CriteriaText => string.Join("&", _criteria.Select(c => $"{c.Name}={Uri.EscapeDataString(c.Value)}"));

    public static bool TryParse(IEnumerable<KeyValuePair<string, string?>> parameters, out SearchQuery query, out string error)
    {
        query = new SearchQuery();
        error = "";
        foreach (var (name, value) in parameters)
        {
            if (!Supported.Contains(name, StringComparer.Ordinal))
            {
                error = $"Search parameter '{name}' is not supported by this server; use {string.Join(", ", Supported)}.";
                return false;
            }

            var text = value ?? "";
            if (name is "_count" or "_offset")
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || (name == "_count" && number == 0))
                {
                    error = $"Search parameter '{name}' is '{text}'; give a whole number{(name == "_count" ? " above 0" : "")}.";
                    return false;
                }

                if (name == "_count")
                {
                    query.Count = number;
                }
                else
                {
                    query.Offset = number;
                }

                continue;
            }

            query._criteria.Add((name, text));
        }

        return true;
    }

    /// <summary>Parses a query string such as an If-None-Exist header (<c>identifier=sys|value</c>).</summary>
    public static bool TryParse(string queryString, out SearchQuery query, out string error)
    {
        var parsed = QueryHelpers.ParseQuery(queryString.StartsWith('?') ? queryString : "?" + queryString);
        var pairs = parsed.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return TryParse(pairs, out query, out error);
    }

    public IReadOnlyList<StoredResource> Matches(IEnumerable<StoredResource> resources) =>
        resources.Where(r => _criteria.All(c => IsMatch(r.Json, c.Name, c.Value))).ToList();

    private static bool IsMatch(JsonObject resource, string name, string value) => name switch
    {
        "_id" => Text(resource["id"]) == value,
        "identifier" => MatchesIdentifier(resource["identifier"], value),
        "subject" => MatchesReference(resource["subject"], value, type: null),
        "patient" => MatchesReference(resource["patient"], value, "Patient") || MatchesReference(resource["subject"], value, "Patient"),
        "status" => Text(resource["status"]) == value,
        _ => false,
    };

    private static bool MatchesIdentifier(JsonNode? identifiers, string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var system = bar < 0 ? null : value[..bar];
        var code = bar < 0 ? value : value[(bar + 1)..];
        var list = identifiers switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        return list.Any(i => (system is null || Text(i["system"]) == system) && (code.Length == 0 || Text(i["value"]) == code));
    }

    private static bool MatchesReference(JsonNode? reference, string value, string? type)
    {
        var target = Text(reference?["reference"]);
        if (target is null || (type is not null && !target.StartsWith(type + "/", StringComparison.Ordinal)))
        {
            return false;
        }

        // "subject=Patient/7" must match exactly; "patient=7" matches any reference ending in /7.
        return value.Contains('/', StringComparison.Ordinal) ? target == value : target.EndsWith("/" + value, StringComparison.Ordinal);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
