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

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(name, value);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    private static LogEventPropertyValue Mask(string name, LogEventPropertyValue value)
    {
        if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)))
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
