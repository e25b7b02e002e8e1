using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Automation.Engine.Tests.ElsaImport;

/// <summary>The real Elsa 3 files in <c>../shared/data/elsa</c> beside the repository.</summary>
internal static class ElsaCorpus
{
    public static string Folder { get; } = Locate();

    public static string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>A corpus file as a JSON tree, for tests that change something in it first.</summary>
    public static JsonObject Json(string file) => JsonNode.Parse(File.ReadAllText(PathOf(file)))!.AsObject();

    /// <summary>The activity with <paramref name="id"/> in an Elsa document.</summary>
    public static JsonObject Activity(JsonObject document, string id) =>
        document["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == id);

    // The test assembly usually sits under the repository's bin folder; with an artifacts path elsewhere the
    // source file's own location still leads to the repository root.
    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
                {
                    var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "elsa"));
                    if (Directory.Exists(corpus))
                    {
                        return corpus;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("The Elsa corpus ../shared/data/elsa next to the repository root (the folder with Automation.sln) was not found.");
    }
}
