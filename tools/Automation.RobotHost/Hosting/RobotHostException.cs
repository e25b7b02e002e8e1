namespace Automation.RobotHost.Hosting;

/// <summary>A mistake in the host's options; its message is printed as is.</summary>
internal sealed class RobotHostException : Exception
{
    public RobotHostException()
    {
    }

    public RobotHostException(string message)
        : base(message)
    {
    }

    public RobotHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
