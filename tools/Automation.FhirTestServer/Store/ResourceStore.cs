using System.Globalization;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Automation.FhirTestServer.Api;

namespace Automation.FhirTestServer.Store;

/// <summary>A stored version of a resource: the parsed model and its JSON (searches match on the JSON).</summary>
internal sealed record StoredResource(Resource Resource, JsonObject Json)
{
    public string Type => Resource.TypeName;

    public string Id => Resource.Id!;

    public static StoredResource Of(Resource resource) => new(resource, (JsonObject)JsonNode.Parse(FhirWire.Serialize(resource))!);
}

/// <summary>
/// In-memory resources by type and id. Every change goes through a <see cref="StoreSession"/> under one lock, so a
/// transaction bundle either lands completely or not at all.
/// </summary>
internal sealed class ResourceStore(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, StoredResource>> _byType = new(StringComparer.Ordinal);
    private int _lastId;

    public int Count(string type)
    {
        lock (_gate)
        {
            return _byType.TryGetValue(type, out var resources) ? resources.Count : 0;
        }
    }

    /// <summary>Runs <paramref name="work"/> alone; its changes are kept only if it returns without throwing and asks to commit.</summary>
    public T Run<T>(Func<StoreSession, (T Result, bool Commit)> work)
    {
        lock (_gate)
        {
            var session = new StoreSession(this);
            var (result, commit) = work(session);
            if (commit)
            {
                foreach (var stored in session.Changes)
                {
                    Table(stored.Type)[stored.Id] = stored;
                }
            }
            else
            {
                _lastId = session.FirstIdTaken - 1;
            }

            return result;
        }
    }

    internal DateTimeOffset Now => clock.GetUtcNow();

    internal StoredResource? Find(string type, string id) =>
        _byType.TryGetValue(type, out var resources) && resources.TryGetValue(id, out var stored) ? stored : null;

    internal IEnumerable<StoredResource> All(string type) =>
        _byType.TryGetValue(type, out var resources) ? resources.Values : [];

    internal string NextId() => (++_lastId).ToString(CultureInfo.InvariantCulture);

    internal int LastId => _lastId;

    private Dictionary<string, StoredResource> Table(string type)
    {
        if (!_byType.TryGetValue(type, out var resources))
        {
            resources = new Dictionary<string, StoredResource>(StringComparer.Ordinal);
            _byType[type] = resources;
        }

        return resources;
    }
}

/// <summary>Reads see the session's own uncommitted writes, so later entries of a transaction see earlier ones.</summary>
internal sealed class StoreSession
{
    private readonly ResourceStore _store;
    private readonly Dictionary<(string Type, string Id), StoredResource> _changes = [];

    public StoreSession(ResourceStore store)
    {
        _store = store;
        FirstIdTaken = store.LastId + 1;
    }

    internal int FirstIdTaken { get; }

    internal IEnumerable<StoredResource> Changes => _changes.Values;

    public StoredResource? Read(string type, string id) =>
        _changes.TryGetValue((type, id), out var changed) ? changed : _store.Find(type, id);

    public IReadOnlyList<StoredResource> All(string type)
    {
        var result = _store.All(type).Where(s => !_changes.ContainsKey((type, s.Id))).ToList();
        result.AddRange(_changes.Values.Where(s => s.Type == type));
        return result.OrderBy(s => s.Id.Length).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stores a new resource under a fresh id, version 1.</summary>
    public StoredResource Create(Resource resource) => Put(resource, _store.NextId(), 1);

    /// <summary>Stores the resource under its id: the next version if it exists, version 1 otherwise.</summary>
    public (StoredResource Stored, bool Created) Update(Resource resource, string id)
    {
        var existing = Read(resource.TypeName, id);
        var version = existing is null ? 1 : int.Parse(existing.Resource.Meta?.VersionId ?? "1", CultureInfo.InvariantCulture) + 1;
        return (Put(resource, id, version), existing is null);
    }

    private StoredResource Put(Resource resource, string id, int version)
    {
        resource.Id = id;
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = _store.Now;
        var stored = StoredResource.Of(resource);
        _changes[(stored.Type, id)] = stored;
        return stored;
    }
}
