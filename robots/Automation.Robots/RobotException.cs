namespace Automation.Robots;

/// <summary>
/// A robot step that failed in a way the workflow author or the target system causes (no such element, several
/// matches, a value the page changed). The message names the step and what to fix.
/// </summary>
public class RobotException : Exception
{
    public RobotException()
    {
    }

    public RobotException(string message)
        : base(message)
    {
    }

    public RobotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
