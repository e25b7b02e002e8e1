using Automation.Engine.Activities;

namespace Automation.Connectors.Tests.Fhir;

public sealed class FhirDescriptorTests
{
    [Fact]
    public void Descriptors_FhirCategory_OffersTheFiveActivitiesWithAConnectionInput()
    {
        using var host = new TestHost();

        var fhir = host.Get<ActivityRegistry>().Descriptors.Where(d => d.Category == "FHIR").ToList();

        Assert.Equal(["FhirCreate", "FhirRead", "FhirSearch", "FhirTransaction", "FhirUpdate"], fhir.Select(d => d.Type).Order(StringComparer.Ordinal));
        Assert.All(fhir, d => Assert.True(d.FindInput("connection")?.Required, $"{d.Type} has no required connection input."));
        Assert.Equal(["Done", "NotFound"], fhir.Single(d => d.Type == "FhirRead").Outcomes);
    }
}
