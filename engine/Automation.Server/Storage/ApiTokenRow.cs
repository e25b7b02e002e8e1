namespace Automation.Server.Storage;

/// <summary>An API token for an agent or integration. Only the SHA-256 hash of the value is stored.</summary>
internal sealed class ApiTokenRow
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token value.</summary>
    public string TokenHash { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
