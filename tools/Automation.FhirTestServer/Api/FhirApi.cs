using System.Globalization;
using Automation.FhirTestServer.Store;
using Hl7.Fhir.Model;

namespace Automation.FhirTestServer.Api;

/// <summary>The RESTful FHIR interactions: read, search, create (also conditional), update and transaction.</summary>
internal static class FhirApi
{
    public static RouteGroupBuilder MapFhirApi(this IEndpointRouteBuilder app, ResourceStore store)
    {
        var fhir = app.MapGroup("/fhir");
        fhir.MapGet("/{type}/{id}", (string type, string id) => Read(store, type, id));
        fhir.MapGet("/{type}", (HttpRequest request, string type) => Search(store, request, type));
        fhir.MapPost("/{type}", async (HttpRequest request, string type, CancellationToken ct) => Create(store, request, type, await FhirWire.ReadBodyAsync(request, ct)));
        fhir.MapPut("/{type}/{id}", async (HttpRequest request, string type, string id, CancellationToken ct) => Update(store, request, type, id, await FhirWire.ReadBodyAsync(request, ct)));
        fhir.MapPost("/", async (HttpRequest request, CancellationToken ct) => Transaction.Run(store, BaseUrl(request), await FhirWire.ReadBodyAsync(request, ct)));
        return fhir;
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/";

    public static FhirResult? CheckType(string type) =>
        ModelInfo.SupportedResources.Contains(type, StringComparer.Ordinal)
            ? null
            : FhirResult.Outcome(404, OperationOutcome.IssueType.NotSupported, $"Unknown resource type '{type}'; use a FHIR R4 resource type such as Patient.");

    /// <summary>The answer to a create or update; the Location is absolute when <paramref name="baseUrl"/> is given (a plain request) and relative inside a transaction.</summary>
    public static FhirResult Created(StoredResource stored, bool created, string baseUrl = "") =>
        new(created ? 201 : 200, stored.Resource, $"{baseUrl}{stored.Type}/{stored.Id}/_history/{stored.Resource.Meta!.VersionId}");

    private static FhirResult Read(ResourceStore store, string type, string id) =>
        CheckType(type) ?? store.Run(session => session.Read(type, id) is { } stored
            ? (new FhirResult(200, stored.Resource), false)
            : (FhirResult.Outcome(404, OperationOutcome.IssueType.NotFound, $"Resource {type}/{id} is not known."), false));

    private static FhirResult Search(ResourceStore store, HttpRequest request, string type)
    {
        if (CheckType(type) is { } unknown)
        {
            return unknown;
        }

        var parameters = request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        if (!SearchQuery.TryParse(parameters, out var query, out var error))
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.NotSupported, error);
        }

        var matches = store.Run(session => (query.Matches(session.All(type)), false));
        var baseUrl = BaseUrl(request);
        var page = matches.Skip(query.Offset).Take(query.Count).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = matches.Count };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(baseUrl, type, query, query.Offset) });
        if (query.Offset + page.Count < matches.Count)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(baseUrl, type, query, query.Offset + page.Count) });
        }

        foreach (var stored in page)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}{type}/{stored.Id}",
                Resource = stored.Resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return new FhirResult(200, bundle);
    }

    private static string PageUrl(string baseUrl, string type, SearchQuery query, int offset)
    {
        var criteria = query.CriteriaText;
        return string.Create(CultureInfo.InvariantCulture, $"{baseUrl}{type}?{criteria}{(criteria.Length > 0 ? "&" : "")}_count={query.Count}&_offset={offset}");
    }

    private static FhirResult Create(ResourceStore store, HttpRequest request, string type, string body)
    {
        if (CheckType(type) is { } unknown)
        {
            return unknown;
        }

        if (Parse(body, type, out var resource) is { } problem)
        {
            return problem;
        }

        var ifNoneExist = request.Headers["If-None-Exist"].ToString();
        return store.Run(session =>
        {
            if (ifNoneExist.Length > 0)
            {
                if (ConditionalMatch(session, type, ifNoneExist, out var existing) is { } refused)
                {
                    return (refused, false);
                }

                if (existing is not null)
                {
                    return (Created(existing, created: false, BaseUrl(request)), false);
                }
            }

            return (Created(session.Create(resource!), created: true, BaseUrl(request)), true);
        });
    }

    private static FhirResult Update(ResourceStore store, HttpRequest request, string type, string id, string body)
    {
        if (CheckType(type) is { } unknown)
        {
            return unknown;
        }

        if (Parse(body, type, out var resource) is { } problem)
        {
            return problem;
        }

        if (resource!.Id != id)
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.Invalid, $"The resource's id '{resource.Id}' does not match the id '{id}' in the URL; send the resource to {type}/{resource.Id}.");
        }

        return store.Run(session =>
        {
            var (stored, created) = session.Update(resource, id);
            return (Created(stored, created, BaseUrl(request)), true);
        });
    }

    /// <summary>Parses a body that must hold a resource of <paramref name="type"/>; returns the 400 answer when it does not.</summary>
    public static FhirResult? Parse(string body, string type, out Resource? resource)
    {
        if (!FhirWire.TryParse(body, out resource, out var error))
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.Structure, $"The {type} is not valid FHIR R4: {error}");
        }

        return resource!.TypeName == type
            ? null
            : FhirResult.Outcome(400, OperationOutcome.IssueType.Invalid, $"The body is a {resource.TypeName}, but the URL names {type}; send it to {resource.TypeName}.");
    }

    /// <summary>The one resource matching an If-None-Exist search, or the 400/412 answer when that search is bad or ambiguous.</summary>
    public static FhirResult? ConditionalMatch(StoreSession session, string type, string ifNoneExist, out StoredResource? existing)
    {
        existing = null;
        if (!SearchQuery.TryParse(ifNoneExist, out var query, out var error))
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.Invalid, $"If-None-Exist '{ifNoneExist}': {error}");
        }

        var matches = query.Matches(session.All(type));
        if (matches.Count > 1)
        {
            return FhirResult.Outcome(412, OperationOutcome.IssueType.MultipleMatches, $"If-None-Exist '{ifNoneExist}' matches {matches.Count} {type} resources; make the criteria select at most one.");
        }

        existing = matches.Count == 1 ? matches[0] : null;
        return null;
    }
}
