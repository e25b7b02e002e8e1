using System.Net;
using System.Net.Sockets;

namespace Automation.Cli.Tests.Recovery;

/// <summary>
/// The external system of the crash test: an HTTP endpoint that records which step called it, answers 200 at once,
/// except that it holds the first request of <see cref="HoldStep"/> until <see cref="Release"/>, so the test can kill
/// the workflow while that step is in flight.
/// </summary>
internal sealed class StepServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<int> _calls = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public StepServer(int holdStep)
    {
        HoldStep = holdStep;
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int HoldStep { get; }

    /// <summary>Base address, ending in '/'; steps call <c>{Url}step/{n}</c>.</summary>
    public string Url { get; }

    /// <summary>Completes when the held step's request has arrived.</summary>
    public Task Held => _held.Task;

    /// <summary>Step numbers in the order their requests arrived.</summary>
    public IReadOnlyList<int> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToList();
            }
        }
    }

    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        Release();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener; how it ends does not matter here.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var step = int.Parse(context.Request.Url!.Segments[^1], System.Globalization.CultureInfo.InvariantCulture);
        bool hold;
        lock (_calls)
        {
            _calls.Add(step);
            hold = step == HoldStep && !_held.Task.IsCompleted;
        }

        if (hold)
        {
            _held.TrySetResult();
            await _release.Task;
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The caller was killed while we held its request.
        }
    }
}
