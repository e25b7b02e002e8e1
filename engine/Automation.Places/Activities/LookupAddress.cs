using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Places.Registry;

namespace Automation.Places.Activities;

/// <summary>
/// Finds an address in the place registry from free text (as a referral or an order spells it) and continues
/// through Found with the best hit, or NotFound. The query is a patient's address, so the journal masks it.
/// </summary>
[Activity("LookupAddress", "Places", "Lookup address", Description = "Finds an address in the place registry from free text; Found (best hit) or NotFound.", Outcomes = [FoundPort, NotFoundPort])]
public sealed class LookupAddress(PlacesRegistry registry) : IActivity
{
    public const string FoundPort = "Found";
    public const string NotFoundPort = "NotFound";

    public static readonly Input<string> Query = new("query", "Address", DataType.String)
    {
        Required = true,
        Description = "The address as written, e.g. \"Palle Juul-Jensens Blvd 99, 8200\". Abbreviations and typing errors are tolerated.",
    };

    public static readonly Input<string> ResultVariable = PlaceActivityInputs.ResultVariable(
        "Receives {id, text, postnr, lat, lon, x, y} of the best hit.");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var query = context.Get(Query, personal: true) ?? "";
        var best = registry.Search(query, 1);
        if (best.Count == 0)
        {
            context.Log("No address in the registry matches the query.");
            return ValueTask.FromResult(ActivityResult.Outcome(NotFoundPort));
        }

        PlaceActivityInputs.Store(context, ResultVariable, "address", PlaceActivityInputs.ToNode(best[0]));
        return ValueTask.FromResult(ActivityResult.Outcome(FoundPort));
    }
}
