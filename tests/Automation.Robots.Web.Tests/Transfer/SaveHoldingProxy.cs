using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.Robots.Web.Tests.Transfer;

/// <summary>
/// A reverse proxy in front of system B that passes every request through, except that it holds B's answer to the
/// n-th successful save (the 302 to the receipt, which B sends only after it stored the row) until
/// <see cref="Release"/>. While it holds, the registration is in B but the robot has not seen the receipt or searched
/// again: the window in which the crash test kills the robot.
/// </summary>
internal sealed class SaveHoldingProxy : IAsyncDisposable
{
    private const string SavePath = "/registrering/ny";
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly Uri _target;
    private readonly int _holdSave;
    private readonly TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _saves;

    private SaveHoldingProxy(WebApplication app, Uri target, int holdSave)
    {
        _app = app;
        _target = target;
        _holdSave = holdSave;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None });
    }

    /// <summary>The proxy's base address (trailing slash); robots use it as B's address.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Completes with the referral id of the held save once B has stored it and the proxy holds B's answer.</summary>
    public Task<string> Held => _held.Task;

    /// <summary>Starts a proxy to <paramref name="target"/> that holds B's answer to save number <paramref name="holdSave"/> (1-based).</summary>
    public static async Task<SaveHoldingProxy> StartAsync(Uri target, int holdSave)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new SaveHoldingProxy(app, target, holdSave);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    /// <summary>Lets the held answer go (to a robot that is gone by then).</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, incoming.Path + incoming.QueryString));
        byte[] body = [];
        if (!HttpMethods.IsGet(incoming.Method) && !HttpMethods.IsHead(incoming.Method))
        {
            using var buffer = new MemoryStream();
            await incoming.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (HttpMethods.IsPost(incoming.Method) && incoming.Path == SavePath && response.StatusCode == HttpStatusCode.Redirect
            && Interlocked.Increment(ref _saves) == _holdSave)
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            _held.TrySetResult(form.TryGetValue("henvisningsid", out var id) ? id.ToString() : "");
            await _release.Task;
        }

        try
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The robot that asked was killed while its answer was held.
        }
    }
}
