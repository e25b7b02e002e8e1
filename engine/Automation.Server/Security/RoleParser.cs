namespace Automation.Server.Security;

/// <summary>Turns role names from a request into the canonical names of <see cref="Roles"/>.</summary>
internal static class RoleParser
{
    /// <summary>The roles in canonical spelling, or a message naming the unknown one.</summary>
    public static (IReadOnlyList<string> Roles, string? Problem) Parse(IEnumerable<string>? roles, bool allowNone = false)
    {
        var result = new List<string>();
        foreach (var role in roles ?? [])
        {
            var known = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return ([], $"Unknown role '{role}'; use one of {string.Join(", ", Roles.All)}.");
            }

            if (!result.Contains(known))
            {
                result.Add(known);
            }
        }

        return result.Count == 0 && !allowNone ? ([], $"Give at least one role: {string.Join(", ", Roles.All)}.") : (result, null);
    }

    /// <summary>A single role (API tokens carry exactly one).</summary>
    public static (string? Role, string? Problem) ParseOne(string? role)
    {
        var known = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        return known is null ? (null, $"Give the token one role: {string.Join(", ", Roles.All)}{(string.IsNullOrWhiteSpace(role) ? "" : $" ('{role}' is not one)")}.") : (known, null);
    }

    public static string Join(IEnumerable<string> roles) => string.Join(',', roles);

    public static IReadOnlyList<string> Split(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
