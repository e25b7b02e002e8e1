namespace Automation.Places.Tests.Import;

/// <summary>The real sample files in ../shared/data/places and a fresh temporary store per test.</summary>
internal static class PlacesTestData
{
    public static string Folder => SampleData.PlacesSample.Folder;

    public static string File(string name) => SampleData.PlacesSample.File(name);
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
