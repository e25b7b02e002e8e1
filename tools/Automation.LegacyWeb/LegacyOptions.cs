namespace Automation.LegacyWeb;

/// <summary>How one legacy system instance is started.</summary>
public sealed class LegacyOptions
{
    /// <summary>Which system this instance plays. <value>Default: <see cref="LegacyVariant.A"/>.</value></summary>
    public LegacyVariant Variant { get; set; } = LegacyVariant.A;

    /// <summary>Folder holding the SQLite file (<c>legacy-a.db</c> or <c>legacy-b.db</c>); created when missing.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "automation-legacyweb");

    /// <summary>Address to listen on. <value>Default: <c>http://127.0.0.1:0</c> (a free port).</value></summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>User names and passwords that may log in. <value>Default: <c>robot</c> / <c>Robot-Pass-1</c>.</value></summary>
    public IDictionary<string, string> Users { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["robot"] = "Robot-Pass-1",
    };

    /// <summary>A session unused this long is expired. <value>Default: 10 minutes.</value></summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Shared secret for the <c>/admin</c> endpoints (header <c>X-Admin-Secret</c>); null disables them. <value>Default: null.</value></summary>
    public string? AdminSecret { get; set; }

    /// <summary>Rows per page in result tables. <value>Default: 20.</value></summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Seed of the random generator behind injected failures and latency ranges, so runs repeat. <value>Default: 1.</value></summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>Clock for session idle time (tests pass a fake clock). Injected latency always uses real time. <value>Default: system clock.</value></summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
