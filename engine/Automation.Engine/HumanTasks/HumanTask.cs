using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;

namespace Automation.Engine.HumanTasks;

/// <summary>
/// Asks a person in a role to fill in a form and choose an outcome (for example Approved or Rejected). The instance
/// suspends on a bookmark whose payload is the form; the answer <c>{outcome, answers, comment, answeredBy}</c> resumes it
/// through the chosen outcome's port. An answer with an unknown outcome or a missing required field is refused and the
/// task stays open.
/// </summary>
[Activity("HumanTask", "Human tasks", "Human task", Description = "Assigns a form to a role and continues through the outcome the person chooses.", Outcomes = [])]
public sealed class HumanTask : IActivity, IResumable, IDynamicOutcomes
{
    /// <summary>The roles a task can be assigned to (the product's user roles).</summary>
    public static readonly IReadOnlyList<string> Roles = ["Administrator", "ProcessOwner", "Operator", "Planner", "Auditor"];

    public static readonly Input<string> Title = new("title", "Title", DataType.String) { Required = true };

    public static readonly Input<string> TaskDescription = new("description", "Description", DataType.String) { Editor = InputEditor.MultilineText };

    public static readonly Input<string> Role = new("role", "Role", DataType.String)
    {
        Required = true,
        Editor = InputEditor.Dropdown,
        Options = Roles,
        Description = "Who may answer the task.",
    };

    public static readonly Input<JsonArray> Fields = new("fields", "Form fields", DataType.Array)
    {
        AllowExpression = false,
        Editor = InputEditor.Json,
        Description = "Form fields: [{\"name\": \"reason\", \"label\": \"Reason\", \"type\": \"text\", \"required\": true}]. Types: text, number, integer, boolean, date.",
    };

    public static readonly Input<string[]> PossibleOutcomes = new("outcomes", "Outcomes", DataType.Array)
    {
        AllowExpression = false,
        Editor = InputEditor.StringList,
        Default = ["Approved", "Rejected"],
        Description = "The buttons the person chooses between; each is a port.",
    };

    public static readonly Input<string> ResultVariable = new("resultVariable", "Store answer in", DataType.String)
    {
        AllowExpression = false,
        Editor = InputEditor.Variable,
    };

    public IReadOnlyList<string> OutcomesFor(ActivityNode node) =>
        node.Inputs.TryGetValue(PossibleOutcomes.Name, out var outcomes) && outcomes is JsonArray array
            ? array.Select(JsonValueConverter.AsText).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            : PossibleOutcomes.Default!;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var title = context.Get(Title);
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new WorkflowFaultException($"Human task '{context.ActivityId}' has no title; give it a title the person will recognise.");
        }

        var role = context.Get(Role);
        if (role is null || !Roles.Contains(role, StringComparer.Ordinal))
        {
            throw new WorkflowFaultException($"Human task '{context.ActivityId}' is assigned to role '{role}', which does not exist; use one of: {string.Join(", ", Roles)}.");
        }

        var outcomes = (context.Get(PossibleOutcomes) ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).ToList();
        if (outcomes.Count == 0)
        {
            throw new WorkflowFaultException($"Human task '{context.ActivityId}' has no outcomes; list at least one, such as Approved.");
        }

        var form = new JsonObject
        {
            ["title"] = title,
            ["description"] = context.Get(TaskDescription),
            ["role"] = role,
            ["fields"] = NormalizeFields(context, context.Get(Fields)),
            ["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
        };
        return ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(BookmarkKinds.HumanTask, Key: role, Payload: form)));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonNode? payload, CancellationToken cancellationToken)
    {
        // The form stored in the bookmark is what the person saw, so the answer is checked against it.
        var form = bookmark.Payload ?? [];
        var title = JsonValueConverter.AsText(form["title"]);
        if (payload is not JsonObject answer)
        {
            throw new ResumeRejectedException($"The answer to task '{title}' must be an object {{\"outcome\": ..., \"answers\": {{...}}, \"comment\": ..., \"answeredBy\": ...}}.");
        }

        var outcomes = (form["outcomes"] as JsonArray ?? []).Select(JsonValueConverter.AsText).ToList();
        var outcome = answer["outcome"] is JsonValue o && o.TryGetValue<string>(out var chosen) ? chosen : null;
        if (outcome is null || !outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            var given = outcome is null ? "no outcome" : $"outcome '{outcome}'";
            throw new ResumeRejectedException($"The answer to task '{title}' has {given}; choose one of: {string.Join(", ", outcomes)}.");
        }

        if (answer["answers"] is not (null or JsonObject))
        {
            throw new ResumeRejectedException($"The answers to task '{title}' must be an object of field name to value.");
        }

        var answers = (JsonObject?)answer["answers"]?.DeepClone() ?? [];
        CheckAnswers(title, form["fields"] as JsonArray ?? [], answers);

        var result = new JsonObject
        {
            ["outcome"] = outcome,
            ["answers"] = answers,
            ["comment"] = answer["comment"]?.DeepClone(),
            ["answeredBy"] = answer["answeredBy"]?.DeepClone(),
        };
        var variable = context.Get(ResultVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            context.SetVariable(variable, result);
        }
        else
        {
            context.RecordOutput("answer", result);
        }

        return ValueTask.FromResult(ActivityResult.Outcome(outcome));
    }

    private static JsonArray NormalizeFields(ActivityContext context, JsonArray? fields)
    {
        var normalized = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (fields?.Count ?? 0); i++)
        {
            var name = fields![i] is JsonObject f ? JsonValueConverter.AsText(f["name"]) : "";
            if (name.Length == 0 || !names.Add(name))
            {
                throw new WorkflowFaultException(
                    $"Field {i + 1} of human task '{context.ActivityId}' {(name.Length == 0 ? "has no name" : $"repeats the name '{name}'")}; give every field a unique name.");
            }

            var field = (JsonObject)fields[i]!;
            var type = field["type"] is null ? "text" : JsonValueConverter.AsText(field["type"]);
            normalized.Add(new JsonObject
            {
                ["name"] = name,
                ["label"] = field["label"] is null ? name : JsonValueConverter.AsText(field["label"]),
                ["type"] = type,
                ["required"] = JsonValueConverter.TryCoerce(field["required"], DataType.Boolean, out var required, out _) && required is JsonValue r && r.GetValue<bool>(),
            });
        }

        return normalized;
    }

    private static void CheckAnswers(string title, JsonArray fields, JsonObject answers)
    {
        var missing = new List<string>();
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = JsonValueConverter.AsText(field["name"]);
            var label = JsonValueConverter.AsText(field["label"]);
            var required = field["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired;
            answers.TryGetPropertyValue(name, out var value);
            if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text)))
            {
                if (required)
                {
                    missing.Add($"'{label}'");
                }

                continue;
            }

            if (!JsonValueConverter.TryCoerce(value, TypeOf(JsonValueConverter.AsText(field["type"])), out var coerced, out var error))
            {
                throw new ResumeRejectedException($"Field '{label}' of task '{title}': {error}. Correct it and answer again.");
            }

            answers[name] = coerced?.DeepClone();
        }

        if (missing.Count > 0)
        {
            throw new ResumeRejectedException($"Task '{title}' needs an answer for {string.Join(", ", missing)}; fill in the required fields and answer again.");
        }
    }

    private static DataType TypeOf(string fieldType) => fieldType.ToUpperInvariant() switch
    {
        "NUMBER" or "DECIMAL" => DataType.Number,
        "INTEGER" or "INT" => DataType.Integer,
        "BOOLEAN" or "BOOL" or "CHECKBOX" => DataType.Boolean,
        "DATE" or "DATETIME" => DataType.DateTime,
        "TEXT" or "STRING" or "TEXTAREA" or "MULTILINE" or "EMAIL" => DataType.String,
        _ => DataType.Any,
    };
}
