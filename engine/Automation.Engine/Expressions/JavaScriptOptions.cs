using System.ComponentModel.DataAnnotations;

namespace Automation.Engine.Expressions;

/// <summary>Limits of the JavaScript sandbox. Every expression and RunJavaScript activity runs inside them.</summary>
public sealed class JavaScriptOptions
{
    /// <summary>Wall-clock limit of one evaluation (regular expressions included). <value>2 seconds</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most statements one evaluation may execute. <value>1,000,000</value></summary>
    [Range(1, int.MaxValue)]
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Most bytes one evaluation may allocate, counting the conversion of its results. <value>64 MiB</value></summary>
    [Range(1024 * 1024, long.MaxValue - 1)]
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Deepest call nesting. <value>256</value></summary>
    [Range(1, 100_000)]
    public int MaxRecursionDepth { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range and its allowed range.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "JavaScript sandbox settings are invalid: " + string.Join("; ", results.Select(r => r.ErrorMessage)) + ". Fix them where the engine is configured (AddAutomationEngine's configureJavaScript).",
                nameof(JavaScriptOptions));
        }
    }
}
