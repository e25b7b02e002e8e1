using System.Text.RegularExpressions;

namespace Automation.Server.Security;

/// <summary>What a user name may look like, and its case-insensitive key.</summary>
internal static partial class UserNames
{
    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>Why <paramref name="userName"/> is not allowed, or null when it is.</summary>
    public static string? Check(string? userName) =>
        userName is not null && Pattern().IsMatch(userName)
            ? null
            : "The user name must be 1 to 64 characters: letters, digits, '.', '-', '_' or '@', starting with a letter or digit.";

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd}._@-]{0,63}$")]
    private static partial Regex Pattern();
}
