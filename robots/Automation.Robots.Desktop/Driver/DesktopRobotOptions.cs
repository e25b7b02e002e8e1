namespace Automation.Robots.Desktop.Driver;

/// <summary>How the desktop driver talks to applications: section <c>Automation:Robots:Desktop</c>.</summary>
public sealed class DesktopRobotOptions
{
    /// <summary>The longest one accessibility call may take; a step's own timeout shortens it. <value>5 seconds</value></summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether closing a session ends the application it launched (attached ones are left running). <value>true</value></summary>
    public bool CloseLaunchedApplications { get; set; } = true;

    /// <summary>The X display screenshots are taken of; the robot's <c>DISPLAY</c> when null.</summary>
    public string? Display { get; set; }
}
