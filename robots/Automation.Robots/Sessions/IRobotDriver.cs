using Automation.Engine.Credentials;
using Automation.Robots.Targets;

namespace Automation.Robots.Sessions;

/// <summary>Runs robot sessions against target systems of one kind (<c>web</c>, <c>desktop</c>).</summary>
public interface IRobotDriver
{
    /// <summary>The target kind this driver serves, matching <see cref="TargetSystem.Kind"/>.</summary>
    string Kind { get; }

    /// <summary>Opens a session on <paramref name="target"/> for the robot account <paramref name="credential"/> (with its saved state, if any); <see cref="IRobotSession.SignInAsync"/> signs in.</summary>
    Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken);
}
