using Automation.LegacyWeb.Faults;
using Automation.LegacyWeb.Seeding;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb.Control;

/// <summary>Test-side handle on a running legacy system: seed referrals, read what was registered, switch faults on and off.</summary>
public sealed class LegacyControl
{
    private readonly LegacyState _state;

    internal LegacyControl(LegacyState state) => _state = state;

    /// <summary>The faults now in force.</summary>
    public FaultSettings Faults => _state.Faults.Settings;

    /// <summary>How many 500s were injected since start.</summary>
    public int InjectedErrors => _state.Faults.InjectedErrors;

    /// <summary>Switches faults; <paramref name="seed"/> restarts the random sequence so a test sees the same failures every run.</summary>
    /// <exception cref="ArgumentException">A value is out of range (negative delay, error rate outside 0..1).</exception>
    public void SetFaults(FaultSettings settings, int? seed = null) => _state.Faults.Set(settings, seed);

    /// <summary>Turns every fault off.</summary>
    public void ClearFaults() => _state.Faults.Set(FaultSettings.None);

    /// <summary>Ends every session now; the next page each user asks for redirects to the login with the "expired" message.</summary>
    public void ExpireAllSessions() => _state.Sessions.ExpireAll();

    /// <summary>Adds <paramref name="count"/> generated referrals after the existing ones (ids continue from the last) and returns them.</summary>
    public IReadOnlyList<Referral> SeedReferrals(int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var existing = _state.Store.ReferralCount();
        var referrals = ReferralGenerator.Generate(count, existing + 1, seed + existing, _state.Options.TimeProvider.GetUtcNow());
        _state.Store.AddReferrals(referrals);
        return referrals;
    }

    /// <summary>Adds the given referrals as they are (for tests that need exact values).</summary>
    public void AddReferrals(IEnumerable<Referral> referrals) => _state.Store.AddReferrals(referrals);

    /// <summary>Every referral, in arrival order.</summary>
    public IReadOnlyList<Referral> Referrals() => _state.Store.AllReferrals();

    /// <summary>Every registration saved through B's form (or only those for <paramref name="referralId"/>), in save order; duplicates are kept, so counting finds double entry.</summary>
    public IReadOnlyList<Registration> Registrations(string? referralId = null) => _state.Store.Registrations(referralId);
}
