using System.Collections.Concurrent;
using Automation.Engine.Masking;
using Serilog.Core;
using Serilog.Events;

namespace Automation.Server.Vault;

/// <summary>
/// Last line of defence for vault secrets: any log property whose text contains a secret value this process has
/// stored or handed out is rewritten with the secret masked. Code must not log secrets in the first place; this
/// catches the robot step or exception message that does so by mistake. Fields that name an account or an address
/// (<c>userName</c>, <c>url</c>, ...) are left readable: the log needs them to say which account acted where.
/// </summary>
internal sealed class VaultSecretMasker : ILogEventEnricher
{
    // Shorter values ("1", "yes") would mask ordinary words everywhere; no real secret is this short.
    private const int MinimumLength = 6;

    private static readonly HashSet<string> NotSecret = new(StringComparer.OrdinalIgnoreCase)
    {
        "userName", "user", "login", "account", "url", "baseUrl", "host", "server", "domain", "tenant",
    };

    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a credential's secret values so later log lines containing them are masked.</summary>
    public void Remember(IEnumerable<KeyValuePair<string, string>> fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value.Length >= MinimumLength && !NotSecret.Contains(field))
            {
                _secrets.TryAdd(value, 0);
            }
        }
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (_secrets.IsEmpty)
        {
            return;
        }

        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(value);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    private LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when MaskText(text) is var m && !ReferenceEquals(m, text) => new ScalarValue(m),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(Mask)),
        StructureValue s => new StructureValue(s.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), s.TypeTag),
        DictionaryValue d => new DictionaryValue(d.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Mask(e.Value)))),
        _ => value,
    };

    private string MaskText(string text)
    {
        var result = text;
        foreach (var secret in _secrets.Keys)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, PersonalDataMasker.Masked, StringComparison.Ordinal);
            }
        }

        return result;
    }
}
