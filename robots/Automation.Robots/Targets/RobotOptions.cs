namespace Automation.Robots.Targets;

/// <summary>Robot settings: section <c>Automation:Robots</c>.</summary>
public sealed class RobotOptions
{
    public const string Section = "Automation:Robots";

    /// <summary>Target systems by name (ignoring case).</summary>
    public Dictionary<string, TargetSystem> Targets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where evidence files go; relative paths are under the working folder. <value>data/evidence</value></summary>
    public string EvidenceDirectory { get; set; } = Path.Combine("data", "evidence");

    /// <summary>
    /// The evidence encryption key (32 bytes, mode 0600), kept apart from the evidence so a copy of the evidence
    /// folder is not readable on its own. <value>{Automation:DataDirectory}/keys/evidence.key; without a data
    /// folder, {EvidenceDirectory}-keys/evidence.key</value>
    /// </summary>
    public string? EvidenceKeyPath { get; set; }

    /// <summary>Wait used by robot activities that give no timeout. <value>10 seconds</value></summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether each work-queue item gets evidence without steps in the flow: a trace chunk of every session that can
    /// trace while the item is worked on, and a screenshot of each session when its result is reported. <value>true</value>
    /// </summary>
    public bool QueueItemEvidence { get; set; } = true;

    /// <summary>The target called <paramref name="name"/>, or an error listing the configured ones.</summary>
    public TargetSystem GetTarget(string name)
    {
        foreach (var (key, target) in Targets)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                // The configuration key is the name unless one was given: journals then show it as configured.
                target.Name = string.IsNullOrEmpty(target.Name) ? key : target.Name;
                return target;
            }
        }

        var known = Targets.Count == 0 ? "none are configured" : "configured: " + string.Join(", ", Targets.Keys.Order(StringComparer.OrdinalIgnoreCase));
        throw new RobotException($"There is no robot target system '{name}' ({known}). Add it under {Section}:Targets:{name} with kind, baseUrl, credential and login.");
    }
}
