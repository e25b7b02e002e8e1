using Automation.LegacyWeb.Faults;
using Automation.LegacyWeb.Sessions;
using Automation.LegacyWeb.Storage;

namespace Automation.LegacyWeb;

/// <summary>Everything the pages of one instance share.</summary>
internal sealed class LegacyState(LegacyOptions options, LegacyStore store)
{
    public LegacyOptions Options { get; } = options;

    public LegacyVariant Variant => Options.Variant;

    public LegacyStore Store { get; } = store;

    public SessionStore Sessions { get; } = new(options.IdleTimeout, options.TimeProvider);

    public FaultInjector Faults { get; } = new(options.FaultSeed);

    /// <summary>Distinct per variant: browsers share cookies across ports of 127.0.0.1, so A and B must not overwrite each other's session.</summary>
    public string CookieName => Variant == LegacyVariant.A ? "HENV_SESSION" : "PAS_SESSION";

    /// <summary>Where a logged-in user lands.</summary>
    public string HomePath => Variant == LegacyVariant.A ? "/henvisninger" : "/registrering";
}
