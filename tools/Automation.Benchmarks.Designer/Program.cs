using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Benchmarks.Designer;
using Microsoft.Playwright;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var inv = CultureInfo.InvariantCulture;
const double MinFps = 30;
const long MaxFirstLoadBytes = 1_000_000;

Console.WriteLine($"designer-bench: a flow of {options.Activities} activities in the designer, headless Chromium ({options.Chromium}), {options.Seconds.ToString(inv)} s per gesture");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, load average {LoadAverage()} at start (server and browser share it)");

await using var server = await ServerProcess.StartAsync(options.ServerDll, options.WebAppDirectory, ct);
using var api = await server.SignInAsync(ct);
var flowId = "bench-designer-" + options.Activities.ToString(inv);
var created = await api.PostAsJsonAsync("/api/definitions", BigFlow(flowId, options.Activities), ct);
await ServerProcess.EnsureAsync(created, $"saving the {options.Activities}-activity flow");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = options.Chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// 1. The first load: every script the sign-in page and then the signed-in start page fetch, gzip-compressed.
var firstLoad = await LoadedScriptsAsync(browser, server, "/", signIn: false);
var home = await LoadedScriptsAsync(browser, server, "/", signIn: true);
var firstLoadFiles = firstLoad.Union(home).ToList();
var firstLoadGzip = firstLoadFiles.Sum(f => GzipSize(options.WebAppDirectory, f));
var firstLoadRaw = firstLoadFiles.Sum(f => new FileInfo(AssetPath(options.WebAppDirectory, f)).Length);

// 2. Open the flow in the designer.
var context = await NewContextAsync(browser, server, signIn: true);
var editorScripts = new List<string>();
context.Response += (_, response) => Note(editorScripts, response.Url);
await context.AddInitScriptAsync(PageProbe.InitScript(options.Activities));
var page = await context.NewPageAsync();
await page.GotoAsync($"/designer/edit/{flowId}");
await page.WaitForFunctionAsync("() => window.__bench && window.__bench.allNodesAt > 0", null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 50 });
var openMs = await page.EvaluateAsync<double>("() => __bench.allNodesAt");
var drawn = await page.EvaluateAsync<int>("() => document.querySelectorAll('.react-flow__node').length");
var edgesDrawn = await page.EvaluateAsync<int>("() => document.querySelectorAll('.react-flow__edge').length");
var editorGzip = editorScripts.Distinct().Sum(f => GzipSize(options.WebAppDirectory, f));

// Let the page settle (fonts, the first validation) so the gestures measure steady work, not the load's tail.
await page.WaitForTimeoutAsync(1000);

// 3. Pan: drag the empty canvas back and forth.
var empty = await page.EvaluateAsync<JsonElement?>(PageProbe.EmptyCanvasPoint);
if (empty is not { ValueKind: JsonValueKind.Object } spot)
{
    Console.Error.WriteLine("No empty spot of the canvas is visible to start a pan from.");
    return 1;
}

var viewportBefore = await page.EvaluateAsync<string>(PageProbe.ViewportTransform);
var pan = await GestureAsync(page, ".react-flow__viewport", spot.GetProperty("x").GetDouble(), spot.GetProperty("y").GetDouble(), options.Seconds, ct);
var viewportAfter = await page.EvaluateAsync<string>(PageProbe.ViewportTransform);

// 4. Drag the node nearest the middle around.
var node = await page.EvaluateAsync<JsonElement>(PageProbe.MiddleNode);
var nodeId = node.GetProperty("id").GetString()!;
var nodeBefore = await page.EvaluateAsync<string>(PageProbe.NodeTransform, nodeId);
var drag = await GestureAsync(page, $".react-flow__node[data-id=\"{nodeId}\"]", node.GetProperty("x").GetDouble(), node.GetProperty("y").GetDouble(), options.Seconds, ct);
var nodeAfter = await page.EvaluateAsync<string>(PageProbe.NodeTransform, nodeId);

await context.CloseAsync();

// Report.
var panMoved = viewportBefore != viewportAfter;
var nodeMoved = nodeBefore != nodeAfter;
var openPass = drawn >= options.Activities;
Console.WriteLine();
Console.WriteLine($"open           {openMs,8:F0} ms  until all {drawn} nodes and {edgesDrawn} connections were drawn (from navigation start, incl. sign-in check and API calls)  {(openPass ? "ok" : "FAIL: not every node drawn")}");
Console.WriteLine($"pan            {pan.Fps,8:F1} fps  {pan.Describe()}  {Verdict(pan.Fps >= MinFps && panMoved, ">= 30 fps", panMoved ? "" : "the view did not move")}");
Console.WriteLine($"drag node      {drag.Fps,8:F1} fps  {drag.Describe()}  {Verdict(drag.Fps >= MinFps && nodeMoved, ">= 30 fps", nodeMoved ? "" : "the node did not move")}");
Console.WriteLine($"first load JS  {firstLoadGzip / 1000.0,8:F0} kB gzip ({firstLoadRaw / 1000.0:F0} kB raw, {firstLoadFiles.Count} files: {string.Join(", ", firstLoadFiles.Select(Path.GetFileName))})  target <= {MaxFirstLoadBytes / 1000} kB  {Verdict(firstLoadGzip <= MaxFirstLoadBytes, "within target", "")}");
Console.WriteLine($"designer JS    {editorGzip / 1000.0,8:F0} kB gzip (everything the editor page loaded, for reference)");
Console.WriteLine($"load average {LoadAverage()} at the end");
var pass = openPass && pan.Fps >= MinFps && panMoved && drag.Fps >= MinFps && nodeMoved && firstLoadGzip <= MaxFirstLoadBytes;
Console.WriteLine(pass ? "PASS" : "FAIL");
return pass ? 0 : 2;

static string Verdict(bool ok, string met, string why) => ok ? $"ok ({met})" : "FAIL" + (why.Length > 0 ? ": " + why : "");

// Presses the mouse at (x, y) and moves it back and forth for the given time, counting the page's frames meanwhile.
static async Task<Gesture> GestureAsync(IPage page, string watch, double x, double y, double seconds, CancellationToken ct)
{
    await page.Mouse.MoveAsync((float)x, (float)y);
    await page.EvaluateAsync(PageProbe.StartRecording, watch);
    await page.Mouse.DownAsync();
    var clock = Stopwatch.StartNew();
    var moves = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        ct.ThrowIfCancellationRequested();

        // A slow circle of 120 px radius: always moving, never leaving the canvas.
        var angle = clock.Elapsed.TotalSeconds * Math.PI;
        await page.Mouse.MoveAsync((float)(x + (120 * Math.Sin(angle))), (float)(y + (80 * (1 - Math.Cos(angle)))));
        moves++;
    }

    await page.Mouse.UpAsync();
    var recorded = await page.EvaluateAsync<JsonElement>(PageProbe.StopRecording);
    var frames = recorded.GetProperty("frames").EnumerateArray().Select(f => f.GetDouble()).ToList();
    var longTasks = recorded.GetProperty("longTasks").EnumerateArray().Select(f => f.GetDouble()).ToList();
    return new Gesture(frames, longTasks, recorded.GetProperty("changes").GetInt32(), moves, clock.Elapsed.TotalSeconds);
}

static async Task<IBrowserContext> NewContextAsync(IBrowser browser, ServerProcess server, bool signIn)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
    if (signIn)
    {
        var login = await context.APIRequest.PostAsync("/api/auth/login", new APIRequestContextOptions { DataObject = new { userName = "admin", password = server.Password } });
        if (!login.Ok)
        {
            throw new InvalidOperationException($"Signing the browser in failed: {login.Status} {await login.TextAsync()}");
        }
    }

    return context;
}

// The app's own scripts (paths under /assets/) a fresh page loads until the network is quiet.
static async Task<List<string>> LoadedScriptsAsync(IBrowser browser, ServerProcess server, string path, bool signIn)
{
    var context = await NewContextAsync(browser, server, signIn);
    var scripts = new List<string>();
    context.Response += (_, response) => Note(scripts, response.Url);
    var page = await context.NewPageAsync();
    await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
    await context.CloseAsync();
    lock (scripts)
    {
        return [.. scripts.Distinct()];
    }
}

static void Note(List<string> scripts, string url)
{
    var local = new Uri(url).AbsolutePath;
    if (local.StartsWith("/assets/", StringComparison.Ordinal) && local.EndsWith(".js", StringComparison.Ordinal))
    {
        lock (scripts)
        {
            scripts.Add(local);
        }
    }
}

static string AssetPath(string webApp, string local) => Path.Combine(webApp, local.TrimStart('/'));

// The size the file has gzip-compressed at the best level (as a server or proxy would send it).
static long GzipSize(string webApp, string local)
{
    using var output = new MemoryStream();
    using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
    using (var input = File.OpenRead(AssetPath(webApp, local)))
    {
        input.CopyTo(gzip);
    }

    return output.Length;
}

static JsonObject BigFlow(string id, int count)
{
    const int columns = 20;
    var activities = new JsonArray();
    var connections = new JsonArray();
    for (var i = 0; i < count; i++)
    {
        activities.Add(new JsonObject
        {
            ["id"] = $"step{i + 1}",
            ["type"] = "Log",
            ["name"] = $"Step {i + 1}",
            ["inputs"] = new JsonObject { ["message"] = $"step {i + 1} of {count}" },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["x"] = (i % columns) * 260, ["y"] = i / columns * 160 } },
        });
        if (i > 0)
        {
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = $"step{i}", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = $"step{i + 1}" },
            });
        }
    }

    return new JsonObject { ["id"] = id, ["name"] = $"Bench: {count} activities", ["root"] = new JsonObject { ["activities"] = activities, ["connections"] = connections } };
}

static string LoadAverage()
{
    try
    {
        return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

/// <summary>The frames the page drew during one gesture.</summary>
internal sealed record Gesture(IReadOnlyList<double> Frames, IReadOnlyList<double> LongTasks, int Updates, int Moves, double Seconds)
{
    public double Fps => Frames.Count < 2 ? 0 : (Frames.Count - 1) * 1000.0 / (Frames[^1] - Frames[0]);

    public string Describe()
    {
        var gaps = Frames.Zip(Frames.Skip(1), (a, b) => b - a).Order().ToList();
        var p95 = gaps.Count == 0 ? 0 : gaps[(int)Math.Min(gaps.Count - 1, Math.Ceiling(gaps.Count * 0.95) - 1)];
        var worst = gaps.Count == 0 ? 0 : gaps[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"({Frames.Count} frames in {Seconds:F1} s; {Moves} mouse moves sent, {Updates} frames showed a new position; frame time p95 {p95:F0} ms, worst {worst:F0} ms; {LongTasks.Count} long tasks)");
    }
}
