using Automation.Places.Model;
using Automation.Places.Search;

namespace Automation.Benchmarks.Places.Ours;

/// <summary>What the harness needs from an address text index: ids of the best hits, best first.</summary>
internal interface IAddressTextSearch
{
    IReadOnlyList<Guid> Search(string query, int limit);
}

/// <summary>
/// The single place where the registry's address text index plugs into the benchmark: engine/Automation.Places/Search
/// (<see cref="AddressSearchIndex"/>), adapted to ids.
/// </summary>
internal static class TextSearchPlug
{
    public static IAddressTextSearch? Build(IReadOnlyList<AddressRecord> addresses) => new Adapter(AddressSearchIndex.Build(addresses));

    private sealed class Adapter(AddressSearchIndex index) : IAddressTextSearch
    {
        public IReadOnlyList<Guid> Search(string query, int limit) => [.. index.Search(query, limit).Select(hit => hit.Id)];
    }
}
