using Automation.Engine.Activities;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>
/// Opens a robot session on a target system for this instance and signs in with the vault credential (the target's
/// own, or the one given). A robot account's signed-in state is kept, so the next Open with it skips the login form.
/// </summary>
[Activity("Robot.Open", RobotInputs.Category, "Open", Description = "Opens the target system and signs in with its credential from the vault.")]
public sealed class Open(RobotServices services, ICredentialStore credentials) : IActivity
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<string> CredentialName = new("credential", "Credential", DataType.String)
    {
        Editor = InputEditor.Credential,
        Description = "A credential in the vault to sign in with instead of the target's own.",
    };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Get(Target);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' names no target system; set 'target' to one configured under Automation:Robots:Targets.");
        }

        Targets.TargetSystem target;
        try
        {
            target = services.Options.GetTarget(name);
        }
        catch (RobotException ex)
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}': {ex.Message}", ex);
        }

        var driver = services.Drivers.FirstOrDefault(d => string.Equals(d.Kind, target.Kind, StringComparison.OrdinalIgnoreCase))
            ?? throw new WorkflowFaultException($"Target system '{target.Name}' is of kind '{target.Kind}', but no robot driver for it is installed (installed: {string.Join(", ", services.Drivers.Select(d => d.Kind))}).");
        var credential = await ReadCredentialAsync(context, target, cancellationToken).ConfigureAwait(false);
        var timeout = RobotActivity.ReadTimeout(context, services.Options.DefaultTimeout);

        IRobotSession session;
        try
        {
            session = await driver.OpenAsync(target, credential, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (RobotException ex)
        {
            throw new RobotStepFailedException($"Activity '{context.ActivityId}' could not open target system '{target.Name}': {ex.Message}", ex);
        }

        try
        {
            var signedIn = await session.SignInAsync(timeout, cancellationToken).ConfigureAwait(false);
            context.Log(signedIn switch
            {
                SignIn.NotNeeded => $"Opened '{target.Name}' (no login configured)",
                SignIn.Reused => $"Opened '{target.Name}' as '{credential?.Name}' with the saved sign-in",
                _ => $"Opened '{target.Name}' and signed in as '{credential?.Name}'",
            });
        }
        catch (RobotException ex)
        {
            var failure = await RobotActivity.FailWithScreenshotAsync(context, session, ex, services.Evidence, cancellationToken).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            throw failure;
        }

        var previous = services.Sessions.Add(context.InstanceId, target.Name, session);
        if (previous is not null)
        {
            await services.ItemEvidence.SessionClosingAsync(context.InstanceId, target.Name, previous, cancellationToken).ConfigureAwait(false);
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        if (await services.ItemEvidence.SessionOpenedAsync(context.InstanceId, target.Name, session, cancellationToken).ConfigureAwait(false) is { } warning)
        {
            context.Log(warning);
        }

        return ActivityResult.Done;
    }

    private async Task<Credential?> ReadCredentialAsync(ActivityContext context, Targets.TargetSystem target, CancellationToken cancellationToken)
    {
        var name = context.Get(CredentialName);
        name = string.IsNullOrWhiteSpace(name) ? target.Credential : name;
        if (target.Login is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WorkflowFaultException($"Target system '{target.Name}' has a login but no credential; set its 'credential' setting or the activity's 'credential' input.");
        }

        var credential = await credentials.GetAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowFaultException($"Activity '{context.ActivityId}' signs in to '{target.Name}' with credential '{name}', which is not in the vault; add it (fields userName and password) under Admin → Credentials.");
        foreach (var field in new[] { "userName", "password" })
        {
            if (!credential.Fields.ContainsKey(field))
            {
                throw new WorkflowFaultException($"The credential '{name}' has no field '{field}', which signing in to '{target.Name}' needs; add it in the vault.");
            }
        }

        return credential;
    }
}
