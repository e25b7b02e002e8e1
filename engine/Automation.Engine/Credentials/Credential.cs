namespace Automation.Engine.Credentials;

/// <summary>
/// A named credential for a target system: secret fields such as <c>userName</c>, <c>password</c> or <c>apiKey</c>.
/// <see cref="ToString"/> names the fields but never shows a value, so a credential that reaches a log by mistake
/// leaks nothing.
/// </summary>
public sealed class Credential
{
    private readonly Dictionary<string, string> _fields;

    public Credential(string name, IReadOnlyDictionary<string, string> fields, string? targetSystem = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        TargetSystem = targetSystem;
        _fields = new Dictionary<string, string>(fields, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The credential's name, as robots and connectors refer to it.</summary>
    public string Name { get; }

    /// <summary>The system it signs in to, for people reading the list; not used to look it up.</summary>
    public string? TargetSystem { get; }

    /// <summary>The field names and secret values; names compare ignoring case.</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The value of <paramref name="field"/>; an error naming the fields there are when it is missing.</summary>
    public string this[string field] => _fields.TryGetValue(field, out var value)
        ? value
        : throw new KeyNotFoundException($"The credential '{Name}' has no field '{field}'; it has {string.Join(", ", _fields.Keys.Order(StringComparer.OrdinalIgnoreCase))}. Add the field in the credential vault (Admin → Credentials).");

    /// <summary>The name and field names, never a value.</summary>
    public override string ToString() => $"Credential '{Name}' (fields: {string.Join(", ", _fields.Keys.Order(StringComparer.OrdinalIgnoreCase))})";
}
