using System.Diagnostics.CodeAnalysis;
using Automation.Engine.Credentials;
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

    /// <summary>Desktop: the application Open launches or attaches to; null for web targets.</summary>
    public ApplicationDescription? Application { get; set; }

    /// <summary>The default credential in the vault (fields <c>userName</c> and <c>password</c>); Open may name another.</summary>
    public string? Credential { get; set; }

    /// <summary>How to sign in; null when the system needs no login.</summary>
    public LoginDescription? Login { get; set; }

    /// <summary>
    /// Checks that signing in can work: the robot account <paramref name="credential"/> and the userName, password, submit and success selectors; a
    /// <see cref="RobotException"/> naming the settings to add otherwise. Call only when <see cref="Login"/> is set.
    /// </summary>
    public LoginDescription RequireCompleteLogin([NotNull] Credential? credential)
    {
        var login = Login ?? throw new InvalidOperationException($"Target system '{Name}' has no login.");
        if (credential is null || login.Success.Count == 0 || login.UserName.Count == 0 || login.Password.Count == 0 || login.Submit.Count == 0)
        {
            throw new RobotException($"The login of target system '{Name}' is incomplete: it needs a credential and the selectors userName, password, submit and success under Automation:Robots:Targets:{Name}:Login.");
        }

        return login;
    }
}

/// <summary>
/// A desktop application a robot drives: the program Open starts (with its arguments, folder and extra environment),
/// or, with <see cref="AttachTo"/>, the running process of that name it attaches to instead.
/// </summary>
public sealed class ApplicationDescription
{
    /// <summary>The program to start, for example <c>/usr/bin/python3</c>.</summary>
    public string Executable { get; set; } = "";

    public IList<string> Arguments { get; } = [];

    /// <summary>The folder the program starts in; the robot's current folder when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Extra environment variables for the program.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Attach to a running process with this name (or pid) instead of starting one.</summary>
    public string? AttachTo { get; set; }

    /// <summary>How long the application may take to show its main window on the accessibility bus.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(20);
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
