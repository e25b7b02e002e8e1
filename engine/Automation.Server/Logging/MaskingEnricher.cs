using System.Collections.Concurrent;
using Automation.Engine.Masking;
using Serilog.Core;
using Serilog.Events;

namespace Automation.Server.Logging;

/// <summary>
/// Last line of defence before a log line is written: CPR numbers in any text property are masked, and properties
/// whose names say they hold a secret are dropped to <c>***</c>. Code should not log such values in the first place.
/// </summary>
internal sealed class MaskingEnricher : ILogEventEnricher
{
    private static readonly string[] SecretNames = ["password", "secret", "token", "authorization", "cookie", "apikey", "api_key"];

    // Property names repeat (every request line has the same ones), so whether a name says "secret" is worked out once.
    private static readonly ConcurrentDictionary<string, bool> SecretByName = new(StringComparer.Ordinal);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        // Changes are collected first: the properties cannot change while being enumerated. Most events change nothing.
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var masked = Mask(name, value);
            if (!ReferenceEquals(masked, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        if (changed is not null)
        {
            foreach (var property in changed)
            {
                logEvent.AddOrUpdateProperty(property);
            }
        }
    }

    private static bool IsSecretName(string name) =>
        name.Length != 0 && SecretByName.GetOrAdd(name, static n => SecretNames.Any(s => n.Contains(s, StringComparison.OrdinalIgnoreCase)));

    private static LogEventPropertyValue Mask(string name, LogEventPropertyValue value)
    {
        if (IsSecretName(name))
        {
            return new ScalarValue(PersonalDataMasker.Masked);
        }

        return value switch
        {
            ScalarValue { Value: string text } when PersonalDataMasker.MaskText(text) is var m && !ReferenceEquals(m, text) && m != text => new ScalarValue(m),
            SequenceValue seq => new SequenceValue(seq.Elements.Select(e => Mask("", e))),
            StructureValue s => new StructureValue(s.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Name, p.Value))), s.TypeTag),
            _ => value,
        };
    }
}
