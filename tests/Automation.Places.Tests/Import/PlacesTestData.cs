namespace Automation.Places.Tests.Import;

/// <summary>The real sample files in ../shared/data/places and a fresh temporary store per test.</summary>
internal static class PlacesTestData
{
    private static readonly Lazy<string> LazyFolder = new(Locate);

    public static string Folder => LazyFolder.Value;

    public static string File(string name) => Path.Combine(Folder, name);

    private static string Locate() => LocateFrom();

    /// <summary>Walks up from the test binaries and from this source file to the folder with Automation.sln.</summary>
    private static string LocateFrom([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "places");
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Automation.sln")) && Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/data/places not found above the test binaries; the tests need the shared sample data next to the repository.");
    }
}

/// <summary>A temporary folder with a store file, removed afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory.CreateDirectory(Folder);
        Store = Automation.Places.Store.PlacesStore.Open(DatabasePath, Time);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "places-import-" + Guid.NewGuid().ToString("N")[..12]);

    public string DatabasePath => Path.Combine(Folder, "places.db");

    public ManualTime Time { get; } = new();

    public Automation.Places.Store.PlacesStore Store { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans /tmp.
        }
    }
}

/// <summary>A clock the test moves by hand, so validity times are predictable.</summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
