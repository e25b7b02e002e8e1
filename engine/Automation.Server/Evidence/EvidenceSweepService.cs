using Microsoft.Extensions.Options;

namespace Automation.Server.Evidence;

/// <summary>Runs the evidence expiry sweep at start and then every <see cref="EvidenceOptions.SweepInterval"/>.</summary>
public sealed partial class EvidenceSweepService(EvidenceRetention retention, IOptions<EvidenceOptions> options, TimeProvider clock, ILogger<EvidenceSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                var expired = await retention.SweepAsync(stoppingToken).ConfigureAwait(false);
                if (expired.Count > 0)
                {
                    LogExpired(expired.Count);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file that cannot be deleted now is tried again at the next sweep.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence retention deleted {Count} expired files")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence retention sweep failed; it is retried at the next interval")]
    private partial void LogFailed(Exception exception);
}
