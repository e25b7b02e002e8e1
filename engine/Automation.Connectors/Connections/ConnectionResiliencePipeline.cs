using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Automation.Connectors.Connections;

/// <summary>
/// Builds a connection's resilience pipeline from its <see cref="ConnectionResilience"/>: retry (exponential backoff
/// with jitter; a Retry-After header wins) around a circuit breaker around the attempt timeout, so a timed-out attempt
/// counts as a failure for the breaker and is retried, while an open breaker fails the call at once. Every retry,
/// timeout and breaker change is reported.
/// </summary>
internal static class ConnectionResiliencePipeline
{
    /// <summary>Longest wait between two attempts, whatever the backoff or a Retry-After header says. <value>1 minute</value></summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <remarks>
    /// Polly runs on the system clock, not the engine's: backoff, Retry-After and timeouts are waits on the real
    /// network, and the engine clock may be a test's fake one.
    /// </remarks>
    public static ResiliencePipeline<HttpResponseMessage> Build(ConnectionDefinition connection, Action<HttpRequestMessage?, string> report)
    {
        var settings = connection.Resilience;
        var name = connection.Name;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = $"connection:{name}" };

        if (settings.RetryCount > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.RetryCount,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = MaxRetryDelay,
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    report(args.Context.GetRequestMessage(), $"Connection '{name}': retry {args.AttemptNumber + 1} of {settings.RetryCount} in {Seconds(args.RetryDelay)} after {Describe(args.Outcome)}.");
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakDuration,
            OnOpened = args =>
            {
                report(args.Context.GetRequestMessage(), $"Connection '{name}': circuit breaker opened for {Seconds(args.BreakDuration)} after {Describe(args.Outcome)}; calls fail at once until then.");
                return default;
            },
            OnHalfOpened = args =>
            {
                report(args.Context.GetRequestMessage(), $"Connection '{name}': circuit breaker half-open; letting one trial call through.");
                return default;
            },
            OnClosed = args =>
            {
                report(args.Context.GetRequestMessage(), $"Connection '{name}': circuit breaker closed; calls flow normally again.");
                return default;
            },
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Timeout = settings.AttemptTimeout,
            OnTimeout = args =>
            {
                report(args.Context.GetRequestMessage(), $"Connection '{name}': attempt timed out after {Seconds(args.Timeout)}.");
                return default;
            },
        });

        return builder.Build();
    }

    /// <summary>What went wrong in words, without request details (headers may carry secrets).</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => $"status {(int)response.StatusCode}{RetryAfter(response.Headers.RetryAfter)}",
        { Exception: TimeoutRejectedException } => "an attempt timeout",
        { Exception: { } exception } => $"{exception.GetType().Name}: {exception.Message}",
        _ => "a failure",
    };

    private static string RetryAfter(RetryConditionHeaderValue? value) => value switch
    {
        { Delta: { } delta } => $" (Retry-After {Seconds(delta)})",
        { Date: { } date } => $" (Retry-After {date.ToString("u", CultureInfo.InvariantCulture)})",
        _ => "",
    };

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
