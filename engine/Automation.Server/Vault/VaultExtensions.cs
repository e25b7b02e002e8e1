using Automation.Engine.Credentials;
using Automation.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace Automation.Server.Vault;

/// <summary>
/// The credential vault and the Data Protection keys it (and the sign-in cookie) is encrypted with. The keys live in
/// <c>{DataDirectory}/keys</c> under a fixed application name, so they survive restarts and new versions; back that
/// folder up together with the database, because without it stored credentials cannot be decrypted.
/// </summary>
public static class VaultExtensions
{
    /// <summary>Fixed so keys written by one version or install path are read by the next.</summary>
    public const string ApplicationName = "Automation";

    public static string KeysDirectory(ServerOptions options) => Path.Combine(options.DataDirectory, "keys");

    public static IServiceCollection AddServerVault(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ServerOptions>, ILoggerFactory>((keys, server, loggers) =>
        {
            var folder = Directory.CreateDirectory(KeysDirectory(server.Value));
            if (!OperatingSystem.IsWindows())
            {
                // The key files are not encrypted themselves (no DPAPI on Linux): only the server's account may read them.
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            keys.XmlRepository = new FileSystemXmlRepository(folder, loggers);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VaultSecretMasker>();
        services.AddSingleton<ILogEventEnricher>(sp => sp.GetRequiredService<VaultSecretMasker>());
        services.AddSingleton<CredentialVault>();
        services.RemoveAll<ICredentialStore>();
        services.AddSingleton<ICredentialStore>(sp => sp.GetRequiredService<CredentialVault>());
        return services;
    }
}
