using System.Net;
using System.Net.Sockets;

namespace Automation.Connectors.Tests.Http;

/// <summary>A real HTTP server on 127.0.0.1 and a free port, answering with a handler the test gives.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public LocalHttpServer(Func<HttpListenerContext, CancellationToken, Task> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>Completed when the first request arrives.</summary>
    public TaskCompletionSource RequestReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A port on which nothing listens: connecting to it is refused.</summary>
    public static int ClosedPort() => FreePort();

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Abort();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
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

            _ = Task.Run(async () =>
            {
                RequestReceived.TrySetResult();
                try
                {
                    await _handler(context, _stopping.Token);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
                {
                    // The test is over or the client gave up: nothing to answer.
                }
            });
        }
    }
}
