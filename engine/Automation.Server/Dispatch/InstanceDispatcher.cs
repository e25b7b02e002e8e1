using System.Threading.Channels;
using Automation.Engine.Runtime;
using Automation.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Automation.Server.Dispatch;

/// <summary>
/// Runs dispatched instances in the background with a fixed number of workers. The instance is already stored
/// when it is queued, so a restart loses nothing: start-up recovery runs whatever the queue held.
/// </summary>
public sealed partial class InstanceDispatcher(WorkflowRuntime runtime, IOptions<ServerOptions> options, ILogger<InstanceDispatcher> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    public ValueTask EnqueueAsync(string instanceId, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(instanceId, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Recovery first: instances left Running by a previous process (crash, or dispatched but not yet run).
        try
        {
            var recovered = await runtime.ResumeInterruptedAsync(stoppingToken);
            if (recovered.Count > 0)
            {
                LogRecovered(logger, recovered.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecoveryFailed(logger, ex);
        }

        var workers = Enumerable.Range(0, options.Value.DispatchWorkers).Select(_ => WorkAsync(stoppingToken)).ToArray();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var instanceId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await runtime.RunInstanceAsync(instanceId, stoppingToken);
                }
                catch (InstanceLeasedException)
                {
                    // Another node (or recovery) is running it already.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRunFailed(logger, ex, instanceId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} interrupted instances")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up recovery of interrupted instances failed")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Running dispatched instance {InstanceId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string instanceId);
}
