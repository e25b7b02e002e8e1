using System.IO.Compression;
using Automation.Robots.Evidence;
using Automation.Robots.Targets;
using Automation.Server.Evidence;
using Automation.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Automation.Web.Tests.Audit;

/// <summary>An auditor looking at the evidence of a run: a screenshot, a trace and a screenshot that has expired.</summary>
[Collection(WebAppCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AuditEvidenceTests(WebAppFixture fixture)
{
    [Fact]
    public async Task Timeline_RunWithScreenshotTraceAndExpiredScreenshot_ShowsThumbnailDownloadAndExpiredHash()
    {
        // Arrange: real evidence in the server's encrypted store (a real PNG, a real zip), one aged past its retention
        // and swept, and a run whose step names all three.
        await using var app = await fixture.OpenSignedInAsync("audit-evidence", ["Auditor"], "/audit");
        var store = fixture.Server.Services.GetRequiredService<IEvidenceStore>();
        var png = await app.Page.ScreenshotAsync();
        var screenshot = await store.SaveAsync(new MemoryStream(png), EvidenceMediaTypes.Png, CancellationToken.None);
        var zip = Zip();
        var trace = await store.SaveAsync(new MemoryStream(zip), EvidenceMediaTypes.Trace, CancellationToken.None);
        var old = await store.SaveAsync(new MemoryStream(await app.Page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = 0, Y = 0, Width = 40, Height = 30 } })), EvidenceMediaTypes.Png, CancellationToken.None);
        var businessKey = "EVI-" + Guid.NewGuid().ToString("N")[..8];
        var instanceId = await AuditRuns.ExecuteWithEvidenceAsync(fixture, businessKey, $"screen {screenshot} trace {trace} before {old}");
        var evidenceFolder = fixture.Server.Services.GetRequiredService<IOptions<RobotOptions>>().Value.EvidenceDirectory;
        File.SetLastWriteTimeUtc(Directory.EnumerateFiles(evidenceFolder, old.Sha256, SearchOption.AllDirectories).Single(), DateTime.UtcNow.AddDays(-400));
        Assert.Contains(old, await fixture.Server.Services.GetRequiredService<EvidenceRetention>().SweepAsync(CancellationToken.None));

        // Act: the run's timeline.
        await app.Page.GotoAsync($"/audit/runs/{instanceId}");

        // Assert 1: the screenshot is a thumbnail that loaded, with alt text naming its hash.
        var step = app.Page.GetByTestId("timeline-step").Filter(new() { HasText = "capture (Log)" });
        var thumbnail = step.GetByRole(AriaRole.Img, new() { Name = "Skærmbillede " + screenshot.Sha256[..12] });
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 1280);

        // Assert 2: the trace is a download of the stored zip, under a name that says it is a trace.
        var download = await app.Page.RunAndWaitForDownloadAsync(() => step.GetByRole(AriaRole.Link, new() { Name = "Hent spor (zip) " + trace.Sha256[..12] }).ClickAsync());
        Assert.StartsWith("trace-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(zip, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // Assert 3: the expired screenshot is its hash, from the evidence.expired record (which is in the timeline too).
        await Assertions.Expect(step.GetByText("udløbet (hash " + old.Sha256[..12] + ")")).ToBeVisibleAsync();
        await Assertions.Expect(app.Page.GetByTestId("timeline-step").Filter(new() { HasText = "evidence.expired" })).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(app.Page);
        await app.ScreenshotAsync("audit-timeline-evidence");

        // Act 2: clicking the thumbnail opens the screenshot at full size.
        var full = await app.Page.Context.RunAndWaitForPageAsync(() => thumbnail.ClickAsync());
        await full.WaitForLoadStateAsync();

        // Assert 4: the full-size image is the stored screenshot, served as image/png.
        Assert.EndsWith($"/api/evidence/{screenshot.Sha256}", full.Url, StringComparison.Ordinal);
        var served = await app.Context.APIRequest.GetAsync($"/api/evidence/{screenshot.Sha256}");
        Assert.Equal("image/png", served.Headers["content-type"]);
        Assert.Equal(png, await served.BodyAsync());
    }

    private static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("trace.trace").Open());
            entry.Write("{\"type\":\"context-options\",\"id\":\"" + Guid.NewGuid() + "\"}");
        }

        return buffer.ToArray();
    }
}
