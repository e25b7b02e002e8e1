using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>Puts a file into a file input.</summary>
[Activity("Robot.Upload", RobotInputs.Category, "Upload", Description = "Chooses a file in a file input.")]
public sealed class Upload(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> FilePath = new("path", "File", DataType.String) { Required = true, Description = "The file to upload." };

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = context.Get(FilePath);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new WorkflowFaultException($"Activity '{context.ActivityId}' uploads '{path}', which is not a file; give the full path of an existing file.");
        }

        var match = await session.UploadAsync(ReadSelector(context, Selector), Path.GetFullPath(path), timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, $"Upload '{Path.GetFileName(path)}'", match);
        return ActivityResult.Done;
    }
}
