using System.Globalization;
using Automation.FhirTestServer.Api;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Automation.FhirTestServer.Failures;

/// <summary>
/// What tests use to steer the server: make the next requests fail or slow down, and see which requests arrived.
/// Failures are queued in order; each request takes at most one.
/// </summary>
public sealed class FhirServerControl
{
    private readonly Lock _gate = new();
    private readonly Queue<InjectedFailure> _failures = new();
    private readonly List<string> _requests = [];

    /// <summary>Every request so far as <c>METHOD /path?query → status</c>, in arrival order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests answer 429 Too Many Requests with a Retry-After header (whole seconds, rounded up).</summary>
    public void TooManyRequests(int count, TimeSpan retryAfter) => Enqueue(count, new InjectedFailure(429, retryAfter, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> requests answer 503 Service Unavailable.</summary>
    public void Unavailable(int count) => Enqueue(count, new InjectedFailure(503, null, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> requests are answered normally, but only after <paramref name="delay"/>.</summary>
    public void Delay(int count, TimeSpan delay) => Enqueue(count, new InjectedFailure(null, null, delay));

    internal void Record(string request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    internal InjectedFailure? Take()
    {
        lock (_gate)
        {
            return _failures.TryDequeue(out var failure) ? failure : null;
        }
    }

    private void Enqueue(int count, InjectedFailure failure)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(failure);
            }
        }
    }
}

/// <summary>One request's injected behaviour: a delay first, then (when <see cref="Status"/> is set) an error instead of the real answer.</summary>
internal sealed record InjectedFailure(int? Status, TimeSpan? RetryAfter, TimeSpan Delay)
{
    public async Task<bool> ApplyAsync(HttpContext context)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (Status is not { } status)
        {
            return false;
        }

        if (RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var (code, text) = status == 429
            ? (OperationOutcome.IssueType.Throttled, "Too many requests (injected by the test server); retry after the Retry-After delay.")
            : (OperationOutcome.IssueType.Transient, "Service unavailable (injected by the test server); retry later.");
        await FhirResult.Outcome(status, code, text).ExecuteAsync(context);
        return true;
    }
}
