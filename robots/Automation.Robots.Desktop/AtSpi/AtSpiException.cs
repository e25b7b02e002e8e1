namespace Automation.Robots.Desktop.AtSpi;

/// <summary>
/// An AT-SPI call that failed or did not answer in time. The message names the application, the call and, for a
/// timeout, how long the robot waited, so a hung or stopped application is recognisable in the journal.
/// </summary>
public sealed class AtSpiException : RobotException
{
    public AtSpiException()
    {
    }

    public AtSpiException(string message)
        : base(message)
    {
    }

    public AtSpiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the application did not answer within the call timeout (hung or stopped).</summary>
    public bool IsTimeout { get; init; }

    /// <summary>Whether the object no longer exists (the widget was destroyed); lookups retry instead of failing.</summary>
    public bool IsGone { get; init; }
}
