using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Infrastructure;

/// <summary>Runs axe-core (from designer/node_modules, the version the lock file pins) in the page, for WCAG 2.1 A and AA.</summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(Repository.Root, "designer", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing; run `npm ci` in designer/ (tools/test.sh does).");
    });

    /// <summary>Fails with every violation's rule, impact, help text and the offending elements.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); " +
            "return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })); }");
        if (json.GetArrayLength() == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe-core found {json.GetArrayLength()} WCAG 2.1 A/AA violation(s) on {page.Url}:");
        foreach (var v in json.EnumerateArray())
        {
            report.Append("\n- ").Append(v.GetProperty("id").GetString()).Append(" (").Append(v.GetProperty("impact").ToString()).Append("): ")
                .Append(v.GetProperty("help").GetString()).Append(" at ")
                .Append(string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())));
        }

        Assert.Fail(report.ToString());
    }
}
