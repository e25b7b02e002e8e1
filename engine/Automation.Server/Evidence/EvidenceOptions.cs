namespace Automation.Server.Evidence;

/// <summary>Evidence retention: section <c>Automation:Evidence</c>.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Automation:Evidence";

    /// <summary>How long evidence is kept after it was saved. <value>90 days</value></summary>
    public TimeSpan DefaultRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Retention per workflow id (<c>Automation:Evidence:Retention:{workflowId}</c>), overriding the default for
    /// evidence that workflow's runs saved.
    /// </summary>
    public Dictionary<string, TimeSpan> Retention { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the expiry sweep runs. <value>1 hour</value></summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
