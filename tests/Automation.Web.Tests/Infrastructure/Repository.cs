using System.Runtime.CompilerServices;

namespace Automation.Web.Tests.Infrastructure;

internal static class Repository
{
    /// <summary>The repository root: above the test assembly, or (when built with --artifacts-path) above this source file.</summary>
    public static string Root => Find(AppContext.BaseDirectory) ?? Find(SourceDirectory())
        ?? throw new InvalidOperationException("Cannot find the repository root (Automation.sln) above the test assembly.");

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Automation.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";
}
