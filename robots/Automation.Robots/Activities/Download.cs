using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Robots.Evidence;
using Automation.Robots.Sessions;

namespace Automation.Robots.Activities;

/// <summary>
/// Clicks an element that downloads a file and keeps the file: in the evidence store, or at a given path. The variable
/// receives <c>{path, sha256, fileName, evidence}</c>; evidence is encrypted at rest, so a file kept there has no path.
/// </summary>
[Activity("Robot.Download", RobotInputs.Category, "Download", Description = "Clicks a download link or button and saves the file to evidence or a path.")]
public sealed class Download(RobotServices services) : RobotActivity(services)
{
    public static readonly Input<string> Target = RobotInputs.Target;

    public static readonly Input<System.Text.Json.Nodes.JsonNode> Selector = RobotInputs.Selector;

    public static readonly Input<string> SaveAs = new("path", "Save as", DataType.String)
    {
        Description = "A file path to save to; when empty the file goes to the evidence store.",
    };

    public static readonly Input<string> Variable = RobotInputs.Variable("Receives {path, sha256, fileName, evidence}.");

    public static readonly Input<string> Timeout = RobotInputs.Timeout;

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IRobotSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var downloaded = await session.DownloadAsync(ReadSelector(context, Selector), timeout, cancellationToken).ConfigureAwait(false);
        LogMatch(context, "Download", downloaded.Match);
        var file = downloaded.Value;
        var savePath = context.Get(SaveAs);
        JsonObject result;
        try
        {
            if (string.IsNullOrWhiteSpace(savePath))
            {
                EvidenceReference reference;
                await using (var stream = File.OpenRead(file.TemporaryPath))
                {
                    reference = await Services.Evidence.SaveAsync(stream, EvidenceMediaTypes.Bytes, cancellationToken).ConfigureAwait(false);
                }

                result = new JsonObject
                {
                    ["path"] = null,
                    ["sha256"] = reference.Sha256,
                    ["fileName"] = file.SuggestedFileName,
                    ["evidence"] = reference.ToString(),
                };
            }
            else
            {
                var path = Path.GetFullPath(savePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(file.TemporaryPath, path, overwrite: true);
                string sha;
                await using (var stream = File.OpenRead(path))
                {
                    sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
                }

                result = new JsonObject { ["path"] = path, ["sha256"] = sha, ["fileName"] = file.SuggestedFileName, ["evidence"] = null };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RobotException($"The downloaded file '{file.SuggestedFileName}' could not be saved: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(file.TemporaryPath);
        }

        context.Log($"Downloaded '{file.SuggestedFileName}' (sha256 {result["sha256"]}) to {result["evidence"] ?? result["path"]}");
        context.RecordOutput("download", result.DeepClone());
        Store(context, Variable, result);
        return ActivityResult.Done;
    }
}
