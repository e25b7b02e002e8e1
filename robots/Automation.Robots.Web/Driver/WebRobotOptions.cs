namespace Automation.Robots.Web.Driver;

/// <summary>How the web driver starts Chromium: Debian's package, headless, with flags that keep it quiet and offline.</summary>
public sealed class WebRobotOptions
{
    /// <summary>The browser to run; Playwright's own browser download is never used. <value>/usr/bin/chromium</value></summary>
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    public bool Headless { get; set; } = true;

    public IList<string> Args { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
}
