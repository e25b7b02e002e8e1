using System.Security.Cryptography;
using Automation.Server.Storage;
using Microsoft.Extensions.Options;

namespace Automation.Server.Security;

/// <summary>
/// On the very first start (no users at all) creates <c>admin</c> with the Administrator role and a one-time
/// password that must be changed at first sign-in, and prints that password once to <c>console</c> (the process's
/// standard output; a test passes its own writer).
/// </summary>
internal sealed class FirstAdministrator(UserAccounts accounts, IOptions<SecurityOptions> options, TextWriter console)
{
    public const string UserName = "admin";

    // No 0/O, 1/l/I: the password is read off a console and typed in by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = options.Value.InitialAdminPassword;
        if (!string.IsNullOrEmpty(configured) && PasswordRules.Check(UserName, configured) is { } problem)
        {
            throw new InvalidOperationException($"Automation:InitialAdminPassword is not allowed: {problem} Fix the setting, or remove it to get a random one-time password.");
        }

        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString(Alphabet, 20) : configured;
        var admin = new UserRow
        {
            Id = Guid.NewGuid().ToString("N"),
            UserName = UserName,
            NormalizedUserName = UserNames.Normalize(UserName),
            Roles = Roles.Administrator,
            MustChangePassword = true,
            SecurityStamp = UserAccounts.NewStamp(),
            CreatedAt = accounts.Now,
        };
        if (!await accounts.CreateFirstAsync(admin, password, cancellationToken))
        {
            return;
        }

        // Straight to the console, never through the logger: the password must not land in the log file.
        var shown = string.IsNullOrEmpty(configured) ? password : "(the one set in Automation:InitialAdminPassword)";
        await console.WriteLineAsync($"First start: sign in as '{UserName}' with the one-time password {shown} and choose a new password.");
    }
}
