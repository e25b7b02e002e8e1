using System.ComponentModel.DataAnnotations;

namespace Automation.Engine.Expressions;

/// <summary>Limits of the JavaScript sandbox. Every expression and RunJavaScript activity runs inside them.</summary>
public sealed class JavaScriptOptions
{
    /// <summary>Wall-clock limit of one evaluation. <value>2 seconds</value></summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most statements one evaluation may execute. <value>1,000,000</value></summary>
    [Range(1, int.MaxValue)]
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Most bytes one evaluation may allocate. <value>64 MiB</value></summary>
    [Range(1024, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Deepest call nesting. <value>256</value></summary>
    [Range(1, 100_000)]
    public int MaxRecursionDepth { get; set; } = 256;
}
