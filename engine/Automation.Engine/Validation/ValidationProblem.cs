namespace Automation.Engine.Validation;

/// <summary>How bad a problem is: errors stop a definition from being published or run.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>One problem in a definition, located by JSON path (for example <c>$.root.activities[2].inputs.message</c>).</summary>
public sealed record ValidationProblem(string Path, string Message, Severity Severity = Severity.Error, string? ActivityId = null, string? InputName = null)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A definition cannot run or be stored because of the listed problems.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException(string source, IReadOnlyList<ValidationProblem> problems)
        : base(Format(source, problems))
    {
        Problems = problems;
    }

    public WorkflowDefinitionException()
    {
        Problems = [];
    }

    public WorkflowDefinitionException(string message)
        : base(message)
    {
        Problems = [new ValidationProblem("$", message)];
    }

    public WorkflowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ValidationProblem("$", message)];
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Format(string source, IReadOnlyList<ValidationProblem> problems) =>
        $"{source} is not a valid workflow:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
