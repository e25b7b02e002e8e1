using Automation.Engine.Credentials;
using Microsoft.Extensions.Configuration;

namespace Automation.RobotHost.Hosting;

/// <summary>
/// Credentials from configuration, <c>Automation:Credentials:{name}:{field}</c> (for example
/// <c>Automation__Credentials__pas-robot__password</c> in the environment). For tests and demos: the server keeps
/// credentials in its encrypted vault instead.
/// </summary>
internal static class ConfiguredCredentials
{
    public const string Section = "Automation:Credentials";

    public static InMemoryCredentialStore From(IConfiguration configuration)
    {
        var store = new InMemoryCredentialStore();
        foreach (var credential in configuration.GetSection(Section).GetChildren())
        {
            var fields = credential.GetChildren()
                .Where(f => f.Value is not null)
                .ToDictionary(f => f.Key, f => f.Value!, StringComparer.OrdinalIgnoreCase);
            store.Set(new Credential(credential.Key, fields));
        }

        return store;
    }
}
