using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Http;

/// <summary>How <see cref="HttpCall"/> walks through the pages of a listing.</summary>
internal enum PagingMode
{
    /// <summary>One request, the response as it is.</summary>
    None,

    /// <summary>Follows the RFC 8288 (5988) <c>Link: &lt;url&gt;; rel="next"</c> header until there is none.</summary>
    Link,

    /// <summary>Counts a page-number parameter up from <see cref="HttpCallPaging.FirstPage"/> until a page is empty.</summary>
    Page,

    /// <summary>Moves an offset parameter on by the items received until a page is empty.</summary>
    Offset,
}

/// <summary>The <c>paging</c> input of <see cref="HttpCall"/>, checked, with defaults filled in.</summary>
internal sealed record HttpCallPaging(
    PagingMode Mode,
    string? ItemsPath,
    string PageParam,
    int FirstPage,
    string OffsetParam,
    string? SizeParam,
    int? PageSize,
    int MaxPages)
{
    /// <summary>Most pages fetched by default before the activity stops with an error. <value>100</value></summary>
    public const int DefaultMaxPages = 100;

    private static readonly string[] Keys = ["mode", "itemsPath", "pageParam", "firstPage", "offsetParam", "sizeParam", "pageSize", "maxPages"];

    public static HttpCallPaging NoPaging { get; } = new(PagingMode.None, null, "page", 1, "offset", null, null, DefaultMaxPages);

    public static HttpCallPaging Read(JsonObject? paging, string activityId)
    {
        if (paging is null)
        {
            return NoPaging;
        }

        foreach (var (key, _) in paging)
        {
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                throw Problem(activityId, $"has the unknown setting '{key}'; the settings are {string.Join(", ", Keys)}");
            }
        }

        var modeText = Text(paging, "mode", activityId) ?? "none";
        if (!Enum.TryParse<PagingMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(modeText, out _))
        {
            throw Problem(activityId, $"has mode '{modeText}'; use none, link, page or offset");
        }

        var sizeParam = Text(paging, "sizeParam", activityId) ?? (mode == PagingMode.Offset ? "limit" : null);
        var pageSize = Number(paging, "pageSize", activityId, minimum: 1);
        return new HttpCallPaging(
            mode,
            Text(paging, "itemsPath", activityId),
            Text(paging, "pageParam", activityId) ?? "page",
            Number(paging, "firstPage", activityId, minimum: 0) ?? 1,
            Text(paging, "offsetParam", activityId) ?? "offset",
            pageSize is null ? null : sizeParam,
            pageSize,
            Number(paging, "maxPages", activityId, minimum: 1) ?? DefaultMaxPages);
    }

    /// <summary>The query parameters that ask for page number <paramref name="index"/> (0-based) at <paramref name="offset"/> items in.</summary>
    public IEnumerable<KeyValuePair<string, string>> ParametersFor(int index, int offset)
    {
        switch (Mode)
        {
            case PagingMode.Page:
                yield return new(PageParam, (FirstPage + index).ToString(CultureInfo.InvariantCulture));
                break;
            case PagingMode.Offset:
                yield return new(OffsetParam, offset.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                yield break;
        }

        if (SizeParam is not null && PageSize is { } size)
        {
            yield return new(SizeParam, size.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The items of one page: the body itself when no <see cref="ItemsPath"/> is given, otherwise the array at that
    /// dotted path (<c>data.results</c>; a number indexes an array). Null when the path leads nowhere.
    /// </summary>
    public JsonArray? ItemsOf(JsonNode? body, string activityId, int page)
    {
        var node = body;
        var path = ItemsPath?.Trim() ?? "";
        if (path.Length > 0)
        {
            foreach (var segment in path.Split('.'))
            {
                node = node switch
                {
                    JsonObject o => o.TryGetPropertyValue(segment, out var child) ? child : null,
                    JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null)
                {
                    return null;
                }
            }
        }

        return node switch
        {
            JsonArray items => items,
            null => null,
            _ => throw new WorkflowFaultException(
                $"Page {page} of activity '{activityId}' has {JsonValueConverter.Describe(node)} {(path.Length == 0 ? "as its body" : $"at itemsPath '{path}'")}, not a list of items; "
                + "set paging.itemsPath to where the response keeps its list, such as 'items' or 'data.results'."),
        };
    }

    /// <summary>The target of the first <c>rel="next"</c> link in Link header values, or null when there is none.</summary>
    public static string? NextLink(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            if (open < 0)
            {
                return null;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            var target = header[(open + 1)..close].Trim();

            // The parameters run to the next comma outside quotes.
            var end = close + 1;
            var quoted = false;
            while (end < header.Length && (quoted || header[end] != ','))
            {
                if (header[end] == '"')
                {
                    quoted = !quoted;
                }

                end++;
            }

            foreach (var parameter in header[(close + 1)..end].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase)
                    && parameter[(equals + 1)..].Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase))
                {
                    return target;
                }
            }

            position = end + 1;
        }

        return null;
    }

    private static string? Text(JsonObject paging, string key, string activityId)
    {
        if (!paging.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
        {
            throw Problem(activityId, $"has {JsonValueConverter.Describe(node)} as '{key}'; give a non-empty text");
        }

        return value.GetValue<string>().Trim();
    }

    private static int? Number(JsonObject paging, string key, string activityId, int minimum)
    {
        if (!paging.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        var number = JsonValueConverter.TryCoerce(node, Engine.Definitions.DataType.Integer, out var coerced, out _) && coerced is not null
            ? coerced.GetValue<long>()
            : long.MinValue;
        if (number < minimum || number > int.MaxValue)
        {
            throw Problem(activityId, $"has {JsonValueConverter.AsText(node)} as '{key}'; give a whole number of at least {minimum}");
        }

        return (int)number;
    }

    private static WorkflowFaultException Problem(string activityId, string problem) =>
        new($"Input 'paging' of activity '{activityId}' {problem}.");
}
