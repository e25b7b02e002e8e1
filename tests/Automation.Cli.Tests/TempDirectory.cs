namespace Automation.Cli.Tests;

/// <summary>A fresh directory per test for workflow files and databases, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "automation-cli-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the directory and returns the name.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), content);
        return name;
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the SQLite file for a moment; the OS cleans /tmp.
        }
    }
}
