namespace Automation.Cli.Hosting;

/// <summary>A mistake the user made on the command line; its message is printed as is, without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
