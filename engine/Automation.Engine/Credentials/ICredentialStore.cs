namespace Automation.Engine.Credentials;

/// <summary>
/// Where robots and connectors get the secrets for a target system (user name and password, API key). The server's
/// implementation decrypts them from its vault on each call; nothing else in the runtime ever holds them, and no
/// secret value may be written to a journal, log line or run log.
/// </summary>
public interface ICredentialStore
{
    /// <summary>The credential called <paramref name="name"/> (ignoring case), or null when there is none.</summary>
    ValueTask<Credential?> GetAsync(string name, CancellationToken cancellationToken);
}
