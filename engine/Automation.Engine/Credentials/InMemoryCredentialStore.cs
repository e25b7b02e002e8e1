using System.Collections.Concurrent;

namespace Automation.Engine.Credentials;

/// <summary>
/// The engine's default: credentials held in memory, none until <see cref="Set"/> is called (tests, the command-line
/// runner). The server replaces it with its encrypted vault.
/// </summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<string, Credential> _credentials = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds or replaces a credential.</summary>
    public void Set(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials[credential.Name] = credential;
    }

    public ValueTask<Credential?> GetAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_credentials.GetValueOrDefault(name));
}
