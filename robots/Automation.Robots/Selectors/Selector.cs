using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Robots.Selectors;

/// <summary>
/// Ordered candidates for one element. The first candidate that matches exactly one element wins; a candidate that
/// matches several elements is an error (never "take the first"); a candidate matching nothing passes to the next.
/// </summary>
public sealed class Selector
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public Selector(IReadOnlyList<SelectorCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new SelectorException("A selector needs at least one candidate, such as [{\"label\": \"CPR-nummer\"}] or [{\"css\": \"#save\"}].");
        }

        foreach (var candidate in candidates)
        {
            _ = candidate.Kind;
        }

        Candidates = candidates;
    }

    public IReadOnlyList<SelectorCandidate> Candidates { get; }

    /// <summary>
    /// Reads a selector from an activity input: an array of candidates, one candidate object, or a text (taken as
    /// CSS, so <c>#save</c> works).
    /// </summary>
    public static Selector Parse(JsonNode? node)
    {
        switch (node)
        {
            case null:
                throw new SelectorException("The selector is empty; give candidates such as [{\"role\": \"button\", \"name\": \"Gem\"}, {\"css\": \"#save\"}].");
            case JsonArray array:
                return new Selector(array.Select(ParseCandidate).ToList());
            case JsonObject:
                return new Selector([ParseCandidate(node)]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>().Trim();
                if (text.StartsWith('[') || text.StartsWith('{'))
                {
                    try
                    {
                        return Parse(JsonNode.Parse(text));
                    }
                    catch (JsonException ex)
                    {
                        throw new SelectorException($"The selector '{text}' looks like JSON but is not valid JSON: {ex.Message}", ex);
                    }
                }

                return new Selector([new SelectorCandidate { Css = text }]);
            default:
                throw new SelectorException($"The selector {node.ToJsonString()} is neither a list of candidates nor one candidate; use for example [{{\"label\": \"Navn\"}}].");
        }
    }

    public override string ToString() => "[" + string.Join(", ", Candidates) + "]";

    private static SelectorCandidate ParseCandidate(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new SelectorException($"Selector candidate {node?.ToJsonString() ?? "null"} is not an object; write it like {{\"css\": \"#save\"}}.");
        }

        var known = new HashSet<string>(["role", "name", "rightOf", "below", "label", "testId", "text", "css", "xpath"], StringComparer.OrdinalIgnoreCase);
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key))
            {
                throw new SelectorException($"Selector candidate {obj.ToJsonString()} has the unknown field '{key}'; use role, name, rightOf, below, label, testId, text, css or xpath.");
            }
        }

        var candidate = obj.Deserialize<SelectorCandidate>(Options)
            ?? throw new SelectorException($"Selector candidate {obj.ToJsonString()} could not be read.");
        _ = candidate.Kind;
        return candidate;
    }
}
