namespace Automation.Engine.Definitions;

/// <summary>The JSON Schema (draft 2020-12) of the definition format, as shipped inside the engine, for the server and CLI to serve.</summary>
public static class WorkflowSchema
{
    /// <summary>The resource name of <c>Definitions/workflow.schema.json</c> in this assembly.</summary>
    public const string ResourceName = "Automation.Engine.workflow.schema.json";

    private static readonly Lazy<string> Text = new(Load);

    /// <summary>The schema document as text.</summary>
    public static string Json => Text.Value;

    private static string Load()
    {
        using var stream = typeof(WorkflowSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The engine assembly lacks the embedded resource {ResourceName}; the build must embed Definitions/workflow.schema.json.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
