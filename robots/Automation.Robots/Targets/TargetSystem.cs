using Automation.Robots.Selectors;

namespace Automation.Robots.Targets;

/// <summary>
/// A system robots work in, configured under <c>Automation:Robots:Targets:{name}</c>: which driver runs it, where it
/// is, the vault credential robots sign in with and how its login works.
/// </summary>
public sealed class TargetSystem
{
    /// <summary>The name workflows use (the configuration key).</summary>
    public string Name { get; set; } = "";

    /// <summary>The driver: <c>web</c> or <c>desktop</c>.</summary>
    public string Kind { get; set; } = "web";

    /// <summary>Where the system lives (web: the site's base address; relative addresses in Navigate start here).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The default credential in the vault (fields <c>userName</c> and <c>password</c>); Open may name another.</summary>
    public string? Credential { get; set; }

    /// <summary>How to sign in; null when the system needs no login.</summary>
    public LoginDescription? Login { get; set; }
}

/// <summary>The login form of a target system: where it is and the elements to use.</summary>
public sealed class LoginDescription
{
    /// <summary>The login page relative to the base address; empty for the base address itself.</summary>
    public string Path { get; set; } = "";

    public IList<SelectorCandidate> UserName { get; } = [];

    public IList<SelectorCandidate> Password { get; } = [];

    public IList<SelectorCandidate> Submit { get; } = [];

    /// <summary>An element that only exists after a successful login (for example the sign-out link).</summary>
    public IList<SelectorCandidate> Success { get; } = [];
}
