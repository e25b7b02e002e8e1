using Automation.Engine.Definitions;
using Automation.Engine.ElsaImport;
using Automation.Engine.Validation;

namespace Automation.Cli.Files;

/// <summary>Reads a workflow file from disk, turning every way it can be unreadable into a message that names the file and the place.</summary>
internal static class WorkflowFile
{
    /// <exception cref="WorkflowFileException">The file is missing or unreadable.</exception>
    /// <exception cref="WorkflowDefinitionException">The file is not JSON, not a workflow, or has parts that cannot be imported.</exception>
    public static async Task<WorkflowDefinition> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WorkflowFileException("$", $"{path}: file not found; check the path.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowFileException("$", $"{path}: cannot be read: {ex.Message}");
        }

        // Our format or an Elsa 3 export, told apart by content; malformed JSON comes back as a WorkflowDefinitionException naming line and position.
        return WorkflowFileLoader.LoadJson(json, path);
    }
}

/// <summary>A workflow file that cannot be read as a workflow.</summary>
internal sealed class WorkflowFileException : Exception
{
    public WorkflowFileException()
    {
        JsonPath = "$";
    }

    public WorkflowFileException(string message)
        : base(message)
    {
        JsonPath = "$";
    }

    public WorkflowFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
    }

    public WorkflowFileException(string jsonPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        JsonPath = jsonPath;
    }

    /// <summary>Where in the document the problem is; <c>$</c> for the whole file.</summary>
    public string JsonPath { get; }
}
