namespace Automation.Server.Security;

/// <summary>What a password must be: long enough to resist guessing, and not the user name.</summary>
internal static class PasswordRules
{
    public const int MinimumLength = 12;

    // PBKDF2 cost grows with the input; nobody needs a longer password than this.
    public const int MaximumLength = 512;

    /// <summary>Why <paramref name="password"/> is not allowed for <paramref name="userName"/>, or null when it is.</summary>
    public static string? Check(string userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return $"The password must be at least {MinimumLength} characters long; a few unrelated words make a good one.";
        }

        if (password.Length > MaximumLength)
        {
            return $"The password must be at most {MaximumLength} characters long.";
        }

        if (string.Equals(password.Trim(), userName, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not be the user name.";
        }

        return null;
    }
}
