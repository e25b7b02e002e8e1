using Automation.Engine.Definitions;
using Automation.Engine.Validation;

namespace Automation.Connectors.FileDrops;

/// <summary>One watched folder of a published workflow: a <c>fileDrop</c> trigger.</summary>
public sealed record FileDropTrigger(string DefinitionId, string Folder, string Pattern)
{
    public const string Kind = "fileDrop";

    /// <summary>The sub-folder a file is moved to while its instance runs.</summary>
    public const string Processing = "processing";

    /// <summary>Where a file goes when its instance finished.</summary>
    public const string Processed = "processed";

    /// <summary>Where a file goes when its instance faulted or was cancelled, with a <c>.reason.txt</c> beside it.</summary>
    public const string Rejected = "rejected";

    /// <summary>The file-drop triggers of <paramref name="definition"/>.</summary>
    public static IReadOnlyList<FileDropTrigger> Of(WorkflowDefinition definition) =>
        definition.Triggers
            .Where(IsFileDrop)
            .Where(t => !string.IsNullOrWhiteSpace(t.Path) && System.IO.Path.IsPathFullyQualified(t.Path))
            .Select(t => new FileDropTrigger(definition.Id, Normalise(t.Path!), string.IsNullOrWhiteSpace(t.Pattern) ? "*" : t.Pattern.Trim()))
            .Distinct()
            .ToList();

    /// <summary>What keeps the file-drop triggers of <paramref name="definition"/> from being put in force.</summary>
    public static List<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var trigger = definition.Triggers[i];
            if (!IsFileDrop(trigger))
            {
                continue;
            }

            var at = $"$.triggers[{i}]";
            if (string.IsNullOrWhiteSpace(trigger.Path) || !System.IO.Path.IsPathFullyQualified(trigger.Path))
            {
                problems.Add(new ValidationProblem(at + ".path", $"a fileDrop trigger needs the full path of the folder to watch, such as /data/drops/orders; '{trigger.Path}' is not one"));
            }

            if (trigger.Pattern is { } pattern && (pattern.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || pattern.Contains("..", StringComparison.Ordinal)))
            {
                problems.Add(new ValidationProblem(at + ".pattern", $"'{pattern}' is not a file name pattern; use for example *.csv"));
            }
        }

        return problems;
    }

    private static bool IsFileDrop(TriggerDefinition trigger) => string.Equals(trigger.Kind, Kind, StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string folder) => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder));
}
