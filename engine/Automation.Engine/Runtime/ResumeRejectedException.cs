namespace Automation.Engine.Runtime;

/// <summary>
/// Thrown by <see cref="Activities.IResumable.ResumeAsync"/> when the resume payload is not acceptable (an unknown outcome,
/// a missing required answer). Nothing changes: the instance keeps waiting on the same bookmark, and the caller gets this
/// error so the person can correct the answer and send it again.
/// </summary>
public sealed class ResumeRejectedException : Exception
{
    public ResumeRejectedException()
    {
    }

    public ResumeRejectedException(string message)
        : base(message)
    {
    }

    public ResumeRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
