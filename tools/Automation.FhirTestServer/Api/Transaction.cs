using System.Globalization;
using Automation.FhirTestServer.Store;
using Hl7.Fhir.Model;

namespace Automation.FhirTestServer.Api;

/// <summary>
/// A transaction bundle: every entry (POST, conditional POST, PUT) is applied in order in one store session, and the
/// session is committed only when all succeeded. References to an entry's <c>urn:uuid:</c> fullUrl are rewritten
/// to the id the entry got.
/// </summary>
internal static class Transaction
{
    public static FhirResult Run(ResourceStore store, string baseUrl, string body)
    {
        if (!FhirWire.TryParse(body, out var parsed, out var error))
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.Structure, $"The transaction Bundle is not valid FHIR R4: {error}");
        }

        if (parsed is not Bundle { Type: Bundle.BundleType.Transaction } bundle)
        {
            return FhirResult.Outcome(400, OperationOutcome.IssueType.Invalid, $"POST to the base URL takes a Bundle of type 'transaction', not a {parsed!.TypeName}{(parsed is Bundle b ? " of type '" + b.Type + "'" : "")}.");
        }

        return store.Run(session =>
        {
            var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
            var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < bundle.Entry.Count; i++)
            {
                var (answer, stored) = Apply(session, bundle.Entry[i], assigned);
                if (answer.Resource is OperationOutcome outcome)
                {
                    var issue = outcome.Issue[0];
                    issue.Diagnostics = string.Create(CultureInfo.InvariantCulture, $"Transaction entry {i} failed, nothing was changed: {issue.Diagnostics}");
                    return (answer, false);
                }

                response.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}{stored!.Type}/{stored.Id}",
                    Resource = stored.Resource,
                    Response = new Bundle.ResponseComponent
                    {
                        Status = answer.StatusCode == 201 ? "201 Created" : "200 OK",
                        Location = $"{stored.Type}/{stored.Id}/_history/{stored.Resource.Meta!.VersionId}",
                        Etag = $"W/\"{stored.Resource.Meta!.VersionId}\"",
                    },
                });
            }

            return (new FhirResult(200, response), true);
        });
    }

    private static (FhirResult Answer, StoredResource? Stored) Apply(StoreSession session, Bundle.EntryComponent entry, Dictionary<string, string> assigned)
    {
        if (entry.Request is not { } request || entry.Resource is null)
        {
            return (FhirResult.Outcome(400, OperationOutcome.IssueType.Required, "Each entry needs a resource and a request (method and url)."), null);
        }

        var resource = Resolve(entry.Resource, assigned);
        var type = resource.TypeName;
        switch (request.Method)
        {
            case Bundle.HTTPVerb.POST when request.Url == type:
                StoredResource? stored = null;
                if (!string.IsNullOrEmpty(request.IfNoneExist) && FhirApi.ConditionalMatch(session, type, request.IfNoneExist, out stored) is { } refused)
                {
                    return (refused, null);
                }

                var created = stored is null;
                stored ??= session.Create(resource);
                Remember(entry, stored, assigned);
                return (FhirApi.Created(stored, created), stored);

            case Bundle.HTTPVerb.PUT when request.Url == $"{type}/{resource.Id}" && !string.IsNullOrEmpty(resource.Id):
                var (updated, isNew) = session.Update(resource, resource.Id);
                Remember(entry, updated, assigned);
                return (FhirApi.Created(updated, isNew), updated);

            default:
                return (FhirResult.Outcome(400, OperationOutcome.IssueType.NotSupported,
                    $"Request '{request.Method} {request.Url}' does not fit the entry's {type}; use POST {type} or PUT {type}/{{id}} with the resource's id."), null);
        }
    }

    private static void Remember(Bundle.EntryComponent entry, StoredResource stored, Dictionary<string, string> assigned)
    {
        if (entry.FullUrl?.StartsWith("urn:uuid:", StringComparison.Ordinal) == true)
        {
            assigned[entry.FullUrl] = $"{stored.Type}/{stored.Id}";
        }
    }

    /// <summary>Rewrites references to earlier entries' <c>urn:uuid:</c> fullUrls (through the JSON: references can sit anywhere).</summary>
    private static Resource Resolve(Resource resource, Dictionary<string, string> assigned)
    {
        var json = FhirWire.Serialize(resource);
        foreach (var (fullUrl, reference) in assigned)
        {
            json = json.Replace($"\"{fullUrl}\"", $"\"{reference}\"", StringComparison.Ordinal);
        }

        return FhirWire.TryParse(json, out var resolved, out _) ? resolved! : resource;
    }
}
