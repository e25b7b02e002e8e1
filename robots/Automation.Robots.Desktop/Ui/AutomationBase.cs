namespace Automation.Robots.Desktop.Ui;

/// <summary>
/// One automation technology behind the FlaUI-shaped API (FlaUI's <c>AutomationBase</c>): finds applications and
/// synthesizes input. <see cref="AtSpiAutomation"/> is the Linux backend; a Windows UI Automation backend (FlaUI's
/// UIA3) would derive from this class and <see cref="FrameworkAutomationElement"/> the same way.
/// </summary>
public abstract class AutomationBase : IDisposable
{
    /// <summary>Builds the conditions elements are found with.</summary>
    public ConditionFactory ConditionFactory { get; } = new();

    /// <summary>The root element of the application with this process id, or null while it has not registered yet.</summary>
    public abstract Task<AutomationElement?> GetApplicationElementAsync(int processId, CancellationToken cancellationToken);

    /// <summary>Types text into the focused element.</summary>
    public abstract Task TypeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Selects everything in the focused text field (Control+A).</summary>
    public abstract Task SelectAllAsync(CancellationToken cancellationToken);

    /// <summary>Clicks the left mouse button at screen coordinates.</summary>
    public abstract Task ClickAsync(int x, int y, CancellationToken cancellationToken);

    /// <summary>Names an application for error messages (it cannot be asked once it hangs).</summary>
    public abstract void NameApplication(AutomationElement application, string description);

    /// <summary>How long one call to an application may take. <value>5 seconds</value></summary>
    public abstract TimeSpan CallTimeout { get; set; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
