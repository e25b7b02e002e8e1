namespace Automation.Engine.Runtime;

/// <summary>Raised by the Fault activity and by activities that detect a business error: it faults the instance without retries.</summary>
public sealed class WorkflowFaultException : Exception
{
    public WorkflowFaultException()
    {
    }

    public WorkflowFaultException(string message)
        : base(message)
    {
    }

    public WorkflowFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An optional code the flow gave the fault (for example <c>ReferralRejected</c>).</summary>
    public string? Code { get; init; }
}
