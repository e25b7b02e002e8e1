namespace Automation.Server.Storage;

/// <summary>A named credential for a target system. The field values exist only inside <see cref="ProtectedFields"/>.</summary>
internal sealed class CredentialRow
{
    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public string? TargetSystem { get; set; }

    public string? Description { get; set; }

    /// <summary>The field names as a JSON array, so lists need no decryption.</summary>
    public string FieldNames { get; set; } = "[]";

    /// <summary>The fields (name → value) as JSON, encrypted with ASP.NET Core Data Protection.</summary>
    public string ProtectedFields { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
