using System.Text.Json;
using System.Text.Json.Nodes;

namespace Automation.Robots.Desktop.Driver;

/// <summary>
/// The desktop action log: while a chunk records, each action adds what it did, through which selector candidate,
/// the value before and after, and the result. It is the desktop counterpart of a Playwright trace chunk.
/// </summary>
internal sealed class ActionLog(TimeProvider time)
{
    private readonly Lock _lock = new();
    private JsonArray? _entries;
    private string _title = "";
    private DateTimeOffset _started;

    public bool IsRecording
    {
        get
        {
            lock (_lock)
            {
                return _entries is not null;
            }
        }
    }

    public void Start(string title)
    {
        lock (_lock)
        {
            _entries = [];
            _title = title;
            _started = time.GetUtcNow();
        }
    }

    public void Add(string action, string? selector, string? candidate, string? before, string? after, string result)
    {
        lock (_lock)
        {
            _entries?.Add(new JsonObject
            {
                ["time"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["action"] = action,
                ["selector"] = selector,
                ["candidate"] = candidate,
                ["before"] = before,
                ["after"] = after,
                ["result"] = result,
            });
        }
    }

    /// <summary>Ends the chunk and writes it to a new temporary JSON file (random name: the item's data stays out of it); null when none recorded.</summary>
    public async Task<string?> StopAsync(string target, CancellationToken cancellationToken)
    {
        JsonObject document;
        lock (_lock)
        {
            if (_entries is null)
            {
                return null;
            }

            document = new JsonObject
            {
                ["kind"] = "desktop-action-log",
                ["target"] = target,
                ["title"] = _title,
                ["started"] = _started.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["stopped"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["actions"] = _entries,
            };
            _entries = null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"robot-desktop-log-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        return path;
    }
}
