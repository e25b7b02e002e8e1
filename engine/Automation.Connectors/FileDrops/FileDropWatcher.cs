using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Automation.Engine.Definitions;
using Automation.Engine.Masking;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Automation.Connectors.FileDrops;

/// <summary>
/// Puts the <c>fileDrop</c> triggers of published workflows in force. Each watched folder is scanned when a change
/// notification arrives and every <see cref="FileDropOptions.ScanInterval"/> regardless. A file counts as complete when
/// its size and last-write time stayed the same for <see cref="FileDropOptions.SettleInterval"/> and it can be opened
/// exclusively; it is then renamed into <c>processing/</c> and one instance is started with the input
/// <c>{file, name, size, droppedAt}</c>. When the instance finishes the file moves to <c>processed/</c>; when it faults
/// or is cancelled, to <c>rejected/</c> with a <c>.reason.txt</c> beside it.
/// </summary>
/// <remarks>
/// Exactly one instance per file, also across a crash: the instance id is written to <c>processing/name.instance</c>
/// before the instance is created with that id. At start-up every file left in <c>processing/</c> is taken up again:
/// the instance its marker names is followed to its end (the server's recovery runs it on), and a file whose instance
/// was never stored gets it now. Files whose names start with '.' are ignored: atomic writers (such as CsvWrite) use
/// such names for the temporary file they rename into place.
/// </remarks>
public sealed partial class FileDropWatcher : IAsyncDisposable, IDisposable
{
    private const string MarkerSuffix = ".instance";

    private readonly WorkflowRuntime _runtime;
    private readonly IDefinitionStore _definitions;
    private readonly IInstanceStore _instances;
    private readonly IFileDropDispatch _dispatch;
    private readonly FileDropOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<FileDropWatcher> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<FileDropTrigger>> _triggers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSystemWatcher> _notifiers = new(StringComparer.Ordinal);

    // Touched only by the loop.
    private readonly Dictionary<string, Observation> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recovered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missingReported = new(StringComparer.Ordinal);

    private CancellationTokenSource? _stopping;
    private Task? _loop;

    public FileDropWatcher(
        WorkflowRuntime runtime,
        IDefinitionStore definitions,
        IInstanceStore instances,
        IFileDropDispatch dispatch,
        IOptions<FileDropOptions> options,
        TimeProvider clock,
        ILogger<FileDropWatcher> logger)
    {
        _runtime = runtime;
        _definitions = definitions;
        _instances = instances;
        _dispatch = dispatch;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after each pass over the watched folders (on the watcher's own thread).</summary>
    public event EventHandler<FileDropScanEventArgs>? Scanned;

    /// <summary>The triggers in force, by workflow id.</summary>
    public IReadOnlyList<FileDropTrigger> Triggers
    {
        get
        {
            lock (_gate)
            {
                return _triggers.Values.SelectMany(t => t).ToList();
            }
        }
    }

    /// <summary>Puts the triggers of every workflow's latest published version in force and starts watching.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SyncAllAsync(cancellationToken);
        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    /// <summary>Stops watching; instances already started run on, and their files are moved on at the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
        lock (_gate)
        {
            foreach (var notifier in _notifiers.Values)
            {
                notifier.Dispose();
            }

            _notifiers.Clear();
        }
    }

    /// <summary>Replaces the file-drop triggers of <paramref name="published"/>'s workflow with those of this version.</summary>
    public Task SyncAsync(WorkflowDefinition published, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _triggers[published.Id] = FileDropTrigger.Of(published);
            UpdateNotifiers();
        }

        Wake();
        return Task.CompletedTask;
    }

    /// <summary>Puts the file-drop triggers of every workflow's latest published version in force and removes all others.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, IReadOnlyList<FileDropTrigger>>(StringComparer.Ordinal);
        foreach (var info in await _definitions.ListAsync(cancellationToken))
        {
            if (await _definitions.GetAsync(info.Id, null, cancellationToken) is { } latest)
            {
                all[latest.Id] = FileDropTrigger.Of(latest);
            }
        }

        lock (_gate)
        {
            _triggers.Clear();
            foreach (var (id, triggers) in all)
            {
                _triggers[id] = triggers;
            }

            UpdateNotifiers();
        }

        Wake();
    }

    /// <summary>A message when a folder of <paramref name="definition"/>'s file-drop triggers is watched by another workflow; null otherwise.</summary>
    public string? FindConflict(WorkflowDefinition definition)
    {
        lock (_gate)
        {
            foreach (var trigger in FileDropTrigger.Of(definition))
            {
                var other = _triggers
                    .Where(t => t.Key != definition.Id)
                    .SelectMany(t => t.Value)
                    .FirstOrDefault(t => string.Equals(t.Folder, trigger.Folder, StringComparison.Ordinal));
                if (other is not null)
                {
                    return $"The folder '{trigger.Folder}' is already watched by workflow '{other.DefinitionId}'; each drop folder belongs to one workflow. Use another folder, or remove the trigger from '{other.DefinitionId}' first.";
                }
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
        _stopping = null;
    }

    /// <summary>Stops the loop without waiting for its current pass (which ends at its next await).</summary>
    public void Dispose()
    {
        _stopping?.Cancel();
        lock (_gate)
        {
            foreach (var notifier in _notifiers.Values)
            {
                notifier.Dispose();
            }

            _notifiers.Clear();
        }
    }

    private void UpdateNotifiers()
    {
        var folders = _triggers.Values.SelectMany(t => t).Select(t => t.Folder).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _notifiers.Keys.Where(f => !folders.Contains(f)).ToList())
        {
            _notifiers[gone].Dispose();
            _notifiers.Remove(gone);
        }

        foreach (var folder in folders.Where(f => !_notifiers.ContainsKey(f)))
        {
            try
            {
                Prepare(folder);
                var notifier = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite };
                notifier.Created += (_, _) => Wake();
                notifier.Changed += (_, _) => Wake();
                notifier.Renamed += (_, _) => Wake();

                // A lost notification (buffer overflow) costs only time: the periodic scan finds the file anyway.
                notifier.Error += (_, _) => Wake();
                notifier.EnableRaisingEvents = true;
                _notifiers[folder] = notifier;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                LogCannotWatch(_logger, ex, folder);
            }
        }
    }

    private static void Prepare(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, FileDropTrigger.Processing));
        Directory.CreateDirectory(Path.Combine(folder, FileDropTrigger.Processed));
        Directory.CreateDirectory(Path.Combine(folder, FileDropTrigger.Rejected));
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stopping);
                Scanned?.Invoke(this, new FileDropScanEventArgs(_seen.Keys.ToList()));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(_logger, ex);
            }

            try
            {
                await _wake.Reader.WaitToReadAsync(stopping).AsTask().WaitAsync(NextDelay(), _clock, stopping);
                _wake.Reader.TryRead(out _);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Soon while a file settles or an instance runs; otherwise the periodic scan.</summary>
    private TimeSpan NextDelay()
    {
        var delay = _options.ScanInterval;
        if (_seen.Count > 0)
        {
            delay = Min(delay, _options.SettleInterval / 4);
        }

        if (_inFlight.Count > 0)
        {
            delay = Min(delay, _options.StatusInterval);
        }

        return delay < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : delay;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var triggers = Triggers;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trigger in triggers.DistinctBy(t => t.Folder, StringComparer.Ordinal))
        {
            if (!Directory.Exists(trigger.Folder))
            {
                if (_missingReported.Add(trigger.Folder))
                {
                    LogFolderMissing(_logger, trigger.Folder, trigger.DefinitionId);
                }

                continue;
            }

            _missingReported.Remove(trigger.Folder);
            Prepare(trigger.Folder);
            if (_recovered.Add(trigger.Folder))
            {
                await RecoverAsync(trigger, cancellationToken);
            }

            await ScanAsync(trigger, visited, cancellationToken);
        }

        foreach (var gone in _seen.Keys.Where(p => !visited.Contains(p)).ToList())
        {
            _seen.Remove(gone);
        }

        await CheckInstancesAsync(cancellationToken);
    }

    private async Task ScanAsync(FileDropTrigger trigger, HashSet<string> visited, CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(trigger.Folder, trigger.Pattern, SearchOption.TopDirectoryOnly))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            visited.Add(path);
            var now = _clock.GetUtcNow();
            if (!_seen.TryGetValue(path, out var seen) || seen.Size != info.Length || seen.LastWrite != info.LastWriteTimeUtc)
            {
                _seen[path] = new Observation(info.Length, info.LastWriteTimeUtc, now);
                continue;
            }

            if (now - seen.StableSince < _options.SettleInterval)
            {
                continue;
            }

            if (!CanOpenExclusively(path))
            {
                // Held open by its writer: stable only from when it is let go.
                _seen[path] = seen with { StableSince = now };
                continue;
            }

            if (File.Exists(Path.Combine(trigger.Folder, FileDropTrigger.Processing, name)))
            {
                // A file of the same name is still being processed; this one waits its turn.
                continue;
            }

            if (await ClaimAsync(trigger, path, info, cancellationToken))
            {
                _seen.Remove(path);
                visited.Remove(path);
            }
        }
    }

    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Moves a complete file into processing/ and starts its instance; false when another process took it first.</summary>
    private async Task<bool> ClaimAsync(FileDropTrigger trigger, string path, FileInfo info, CancellationToken cancellationToken)
    {
        var definition = await _definitions.GetAsync(trigger.DefinitionId, null, cancellationToken);
        if (definition is null)
        {
            return false;
        }

        var processing = Path.Combine(trigger.Folder, FileDropTrigger.Processing, info.Name);
        try
        {
            File.Move(path, processing, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogClaimFailed(_logger, ex, path);
            return false;
        }

        var instanceId = Guid.CreateVersion7().ToString("N");
        await WriteMarkerAsync(processing, instanceId, cancellationToken);
        await StartAsync(definition, processing, instanceId, cancellationToken);
        return true;
    }

    private async Task StartAsync(WorkflowDefinition definition, string processing, string instanceId, CancellationToken cancellationToken)
    {
        var info = new FileInfo(processing);
        var input = new JsonObject
        {
            ["file"] = processing,
            ["name"] = info.Name,
            ["size"] = info.Length,
            ["droppedAt"] = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
        };
        try
        {
            await _runtime.CreateAsync(definition, new StartOptions { Input = input, InstanceId = instanceId, CorrelationId = info.Name }, cancellationToken);
        }
        catch (Exception ex) when (ex is WorkflowInputException or WorkflowDefinitionException)
        {
            Reject(processing, instanceId, $"Workflow '{definition.Id}' v{definition.Version} could not start for this file: {ex.Message}");
            return;
        }

        _inFlight[instanceId] = new InFlight(processing, definition.Id);
        LogStarted(_logger, instanceId, definition.Id, definition.Version, info.Name);
        await _dispatch.EnqueueAsync(instanceId, cancellationToken);
    }

    /// <summary>Takes up the files a previous process left in processing/: follows their instance, or starts the one that was never stored.</summary>
    private async Task RecoverAsync(FileDropTrigger trigger, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(trigger.Folder, FileDropTrigger.Processing);
        var definition = await _definitions.GetAsync(trigger.DefinitionId, null, cancellationToken);
        foreach (var marker in Directory.EnumerateFiles(folder, "*" + MarkerSuffix).Where(m => !File.Exists(m[..^MarkerSuffix.Length])).ToList())
        {
            // The file was moved on just before a crash; only its marker was left.
            File.Delete(marker);
        }

        foreach (var file in Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(MarkerSuffix, StringComparison.Ordinal)).ToList())
        {
            var marker = file + MarkerSuffix;
            var instanceId = File.Exists(marker) ? (await File.ReadAllTextAsync(marker, cancellationToken)).Trim() : null;
            if (_inFlight.ContainsKey(instanceId ?? ""))
            {
                continue;
            }

            if (instanceId is { Length: > 0 } && await _instances.GetInstanceAsync(instanceId, cancellationToken) is { } instance)
            {
                _inFlight[instanceId] = new InFlight(file, instance.DefinitionId);
                LogResumed(_logger, Path.GetFileName(file), instanceId);
                continue;
            }

            if (definition is null)
            {
                continue;
            }

            instanceId = instanceId is { Length: > 0 } ? instanceId : Guid.CreateVersion7().ToString("N");
            await WriteMarkerAsync(file, instanceId, cancellationToken);
            await StartAsync(definition, file, instanceId, cancellationToken);
        }
    }

    private async Task CheckInstancesAsync(CancellationToken cancellationToken)
    {
        foreach (var (instanceId, flight) in _inFlight.ToList())
        {
            var instance = await _instances.GetInstanceAsync(instanceId, cancellationToken);
            switch (instance?.Status)
            {
                case InstanceStatus.Finished:
                    var target = MoveOn(flight.File, FileDropTrigger.Processed, instanceId);
                    LogProcessed(_logger, Path.GetFileName(flight.File), instanceId, target);
                    break;
                case InstanceStatus.Faulted or InstanceStatus.Cancelled:
                    Reject(flight.File, instanceId, Reason(instance));
                    break;
                default:
                    continue;
            }

            _inFlight.Remove(instanceId);
        }
    }

    private static string Reason(WorkflowInstance instance)
    {
        var at = (instance.FinishedAt ?? instance.UpdatedAt).ToString("O", CultureInfo.InvariantCulture);
        var text = $"Instance {instance.Id} of workflow '{instance.DefinitionId}' v{instance.DefinitionVersion} {instance.Status.ToString().ToLowerInvariant()} at {at}.";
        var incidents = instance.State.Incidents.Where(i => !i.Resolved).Select(i => $"{i.ActivityId} ({i.ActivityType}): {i.Message}");
        return string.Join(Environment.NewLine, new[] { text }.Concat(incidents));
    }

    private void Reject(string file, string instanceId, string reason)
    {
        var target = MoveOn(file, FileDropTrigger.Rejected, instanceId);
        File.WriteAllText(target + ".reason.txt", PersonalDataMasker.MaskText(reason) + Environment.NewLine);
        LogRejected(_logger, Path.GetFileName(file), instanceId, target);
    }

    /// <summary>Moves a file out of processing/ into <paramref name="subfolder"/>; a name already there gets the instance id added.</summary>
    private static string MoveOn(string file, string subfolder, string instanceId)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file))!, subfolder);
        var name = Path.GetFileName(file);
        var target = Path.Combine(folder, name);
        if (File.Exists(target))
        {
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}.{instanceId}{Path.GetExtension(name)}");
        }

        File.Move(file, target, overwrite: true);
        File.Delete(file + MarkerSuffix);
        return target;
    }

    private static async Task WriteMarkerAsync(string file, string instanceId, CancellationToken cancellationToken)
    {
        // Written beside and renamed into place, so a crash never leaves a marker with half an id.
        var marker = file + MarkerSuffix;
        var temp = marker + ".tmp";
        await File.WriteAllTextAsync(temp, instanceId, cancellationToken);
        File.Move(temp, marker, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File drop {File} started instance {InstanceId} of {DefinitionId} v{Version}")]
    private static partial void LogStarted(ILogger logger, string instanceId, string definitionId, int version, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "File drop {File} is followed again after a restart: instance {InstanceId}")]
    private static partial void LogResumed(ILogger logger, string file, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "File drop {File} processed by instance {InstanceId}; moved to {Target}")]
    private static partial void LogProcessed(ILogger logger, string file, string instanceId, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File drop {File} rejected (instance {InstanceId}); moved to {Target}")]
    private static partial void LogRejected(ILogger logger, string file, string instanceId, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop folder {Folder} of workflow {DefinitionId} does not exist; create it to receive files")]
    private static partial void LogFolderMissing(ILogger logger, string folder, string definitionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch drop folder {Folder}; it is still scanned periodically")]
    private static partial void LogCannotWatch(ILogger logger, Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not move {File} into processing/; another process may have taken it")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the drop folders failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    private readonly record struct Observation(long Size, DateTime LastWrite, DateTimeOffset StableSince);

    private sealed record InFlight(string File, string DefinitionId);
}
