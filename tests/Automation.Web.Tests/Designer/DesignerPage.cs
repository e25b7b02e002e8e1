using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Designer;

/// <summary>What the designer tests do on the editor page and through the API with the page's own sign-in cookie.</summary>
internal static partial class DesignerPage
{
    public static ILocator Node(this IPage page, string activityId) => page.Locator($".react-flow__node[data-id='{activityId}']");

    public static ILocator PaletteItem(this IPage page, string type) => page.Locator($".wf-palette-item[data-type='{type}']");

    public static ILocator Canvas(this IPage page) => page.Locator(".wf-canvas");

    public static ILocator Status(this IPage page) => page.Locator(".wf-toolbar [role=status]");

    /// <summary>The node's position on the canvas (flow coordinates), read from the transform React Flow gives it.</summary>
    public static async Task<(double X, double Y)> NodePositionAsync(this IPage page, string activityId)
    {
        var transform = await page.Node(activityId).EvaluateAsync<string>("e => e.style.transform");
        var match = TranslateRegex().Match(transform);
        Assert.True(match.Success, $"Node {activityId} has no translate transform: '{transform}'.");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Presses the mouse on an outcome's handle and releases it on the target's input handle.</summary>
    public static async Task DragConnectAsync(this IPage page, string source, string port, string target)
    {
        var from = await page.Node(source).Locator($".react-flow__handle.source[data-handleid='{port}']").BoundingBoxAsync() ?? throw new InvalidOperationException($"No handle {port} on {source}.");
        var to = await page.Node(target).Locator(".react-flow__handle.target").BoundingBoxAsync() ?? throw new InvalidOperationException($"No input handle on {target}.");
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + (to.Height / 2), new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this AppPage app, string path)
    {
        var response = await app.Context.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"GET {path}: {response.Status} {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    public static async Task SendAsync(this AppPage app, string method, string path, object? body = null)
    {
        var options = new APIRequestContextOptions { Method = method };
        if (body is not null)
        {
            options.DataObject = body;
        }

        var response = await app.Context.APIRequest.FetchAsync(path, options);
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {await response.TextAsync()}");
    }

    /// <summary>Start → Log → End with the given message (null leaves the required input empty).</summary>
    public static object SmallFlow(string id, string? message) => new
    {
        id,
        name = id,
        root = new
        {
            activities = new object[]
            {
                new { id = "start", type = "Start", metadata = new { designer = new { x = 40, y = 60 } } },
                new { id = "log", type = "Log", inputs = message is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["message"] = message }, metadata = new { designer = new { x = 300, y = 60 } } },
                new { id = "end", type = "End", metadata = new { designer = new { x = 560, y = 60 } } },
            },
            connections = new object[]
            {
                new { source = new { activity = "start", port = "Done" }, target = new { activity = "log" } },
                new { source = new { activity = "log", port = "Done" }, target = new { activity = "end" } },
            },
        },
    };

    [GeneratedRegex(@"translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)")]
    private static partial Regex TranslateRegex();
}
