using System.Text.Json.Nodes;

namespace Automation.Engine.Expressions;

/// <summary>Evaluates expressions (JavaScript) inside the workflow's sandbox.</summary>
public interface IExpressionEvaluator
{
    /// <summary>Runs <paramref name="script"/> and returns its completion value as JSON.</summary>
    /// <exception cref="ExpressionException">The script did not parse, threw, or hit a sandbox limit.</exception>
    JsonNode? Evaluate(string script, IExpressionScope scope, ExpressionSite site, CancellationToken cancellationToken);

    /// <summary>Syntax problems of <paramref name="script"/>, without running it. Empty when it parses.</summary>
    IReadOnlyList<ExpressionProblem> Check(string script);
}

/// <summary>What a script can see and change: variables, workflow input and output, and extra names an activity binds.</summary>
public interface IExpressionScope
{
    IReadOnlyCollection<string> VariableNames { get; }

    JsonNode? GetVariable(string name);

    /// <summary>Sets a declared variable (converted to its type). Throws <see cref="InvalidOperationException"/> for an undeclared name or a wrong type.</summary>
    void SetVariable(string name, JsonNode? value);

    JsonObject Input { get; }

    JsonObject Output { get; }

    /// <summary>Sets a workflow output (converted to its declared type, when it has one).</summary>
    void SetOutput(string name, JsonNode? value) => Output[name] = value?.DeepClone();

    /// <summary>Extra values bound by the activity (for example <c>item</c> in a ForEach, <c>response</c> after HTTP).</summary>
    IReadOnlyDictionary<string, JsonNode?> Bindings { get; }

    /// <summary>Called by <c>setOutcome('Port')</c> in RunJavaScript; null where choosing an outcome makes no sense.</summary>
    Action<string>? SetOutcome { get; }

    /// <summary>Called by <c>log('text')</c>.</summary>
    Action<string>? Log { get; }
}

/// <summary>Where an expression sits, so errors can name it.</summary>
/// <param name="ActivityId">The activity's id.</param>
/// <param name="InputName">The input holding the script.</param>
public readonly record struct ExpressionSite(string ActivityId, string InputName);

/// <summary>A syntax problem with its position (1-based).</summary>
public sealed record ExpressionProblem(string Message, int Line, int Column);

/// <summary>An expression failed: names the activity, the input and the position in the script.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(ExpressionSite site, string reason, int? line = null, int? column = null, Exception? inner = null)
        : base(Format(site, reason, line, column), inner)
    {
        Site = site;
        Reason = reason;
        Line = line;
        Column = column;
    }

    public ExpressionException()
    {
        Reason = "";
    }

    public ExpressionException(string message)
        : base(message)
    {
        Reason = message;
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ExpressionSite Site { get; }

    public string Reason { get; }

    public int? Line { get; }

    public int? Column { get; }

    private static string Format(ExpressionSite site, string reason, int? line, int? column)
    {
        var where = line is null ? "" : $" at line {line}, column {column}";
        return $"Expression in activity '{site.ActivityId}', input '{site.InputName}'{where}: {reason}";
    }
}
