namespace Automation.Places.Import;

/// <summary>A file cannot be imported at all (unreadable, unknown format); the message names the file and the fix.</summary>
public sealed class ImportException : Exception
{
    public ImportException()
    {
    }

    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
