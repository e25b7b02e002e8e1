using System.Globalization;
using Automation.LegacyWeb.Storage;
using Automation.LegacyWeb.Tests.Infrastructure;

namespace Automation.LegacyWeb.Tests.Seeding;

public sealed class ReferralSeedingTests
{
    [Fact]
    public async Task SeedReferrals_Twice_ContinuesIdsWithValidCprDatesAndKnownDepartments()
    {
        await using var host = await LegacyHost.StartAsync(LegacyVariant.A);

        host.System.Control.SeedReferrals(150);
        host.System.Control.SeedReferrals(50);
        var all = host.System.Control.Referrals();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"HEN-{i:000000}"), all.Select(r => r.Id));
        Assert.All(all, r =>
        {
            Assert.Matches(@"^\d{6}-\d{4}$", r.Cpr);
            Assert.True(DateOnly.TryParseExact(r.Cpr[..6], "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), r.Cpr);
            Assert.True(Departments.IsKnown(r.Department), r.Department);
            Assert.Matches(@"^\d{4}$", r.PostalCode);
        });
    }

    [Fact]
    public async Task Referrals_AfterRestartOnSameFolder_AreStillThere()
    {
        var folder = Path.Combine(Path.GetTempPath(), "legacyweb-tests", Guid.NewGuid().ToString("N"));
        IReadOnlyList<Referral> seeded;
        await using (var first = await LegacySystem.StartAsync(LegacyVariant.A, folder, 0, CancellationToken.None))
        {
            seeded = first.Control.SeedReferrals(5);
        }

        await using var second = await LegacySystem.StartAsync(LegacyVariant.A, folder, 0, CancellationToken.None);

        Assert.Equal(seeded, second.Control.Referrals());
        Directory.Delete(folder, recursive: true);
    }
}
