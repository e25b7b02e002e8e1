namespace Automation.Robots.Selectors;

/// <summary>A selector written wrongly (a user error in the workflow or the target configuration).</summary>
public sealed class SelectorException : Exception
{
    public SelectorException()
    {
    }

    public SelectorException(string message)
        : base(message)
    {
    }

    public SelectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
