using System.Net;
using System.Text;
using Automation.Engine.RunLog;
using Automation.Robots.Evidence;
using Automation.Server.Evidence;
using Automation.Server.Tests.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Evidence;

public sealed class EvidenceApiTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private IServiceProvider Services => fixture.Factory.Services;

    [Fact]
    public async Task Get_AuditorAndOperator_ReceiveTheDecryptedScreenshotAndTheReadIsLogged()
    {
        var png = Png("auditor and operator");
        var reference = await SaveAsync(png);

        using var auditor = await fixture.Auditor.GetAsync($"/api/evidence/{reference.Sha256}");
        using var operatorResponse = await fixture.Operator.GetAsync($"/api/evidence/{reference.Sha256}");

        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
        Assert.Equal("image/png", auditor.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await auditor.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, operatorResponse.StatusCode);
        var reads = await EventsAsync(EvidenceEventTypes.Read, reference);
        Assert.Contains(reads, r => r.Actor.Name == "auditor" && r.Outcome == "Ok");
        Assert.Contains(reads, r => r.Actor.Name == "operator" && r.Outcome == "Ok");
    }

    [Theory]
    [InlineData(EvidenceMediaTypes.Trace, "trace-")]
    [InlineData(EvidenceMediaTypes.ActionLog, "action-log-")]
    public async Task Get_SavedAsTraceOrActionLog_ContentTypeIsTheStoredTypeNotSniffedFromTheBytes(string mediaType, string fileName)
    {
        // PNG bytes saved as something else: the stored type wins.
        var reference = await SaveAsync(Png("typed " + mediaType), mediaType);

        using var response = await fixture.Auditor.GetAsync($"/api/evidence/{reference.Sha256}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(fileName, response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Get_Planner_IsForbidden()
    {
        var reference = await SaveAsync(Png("planner"));

        using var response = await fixture.Planner.GetAsync($"/api/evidence/{reference.Sha256}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SweepAsync_OlderThanRetention_DeletesTheFileKeepsItsHashInTheRunLogAndTheRouteSays404()
    {
        var reference = await SaveAsync(Png("expired"));
        var kept = await SaveAsync(Png("recent"));
        var file = Directory.EnumerateFiles(fixture.Factory.DataDirectory, reference.Sha256, SearchOption.AllDirectories).Single();
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-91));

        var expired = await Services.GetRequiredService<EvidenceRetention>().SweepAsync(CancellationToken.None);

        Assert.Equal([reference], expired);
        Assert.False(File.Exists(file));
        var record = Assert.Single(await EventsAsync(EvidenceEventTypes.Expired, reference));
        Assert.Contains(reference.Sha256, record.PayloadJson, StringComparison.Ordinal);
        using var gone = await fixture.Auditor.GetAsync($"/api/evidence/{reference.Sha256}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("has expired", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var recent = await fixture.Auditor.GetAsync($"/api/evidence/{kept.Sha256}");
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
    }

    [Fact]
    public async Task Get_NotAHash_IsBadRequestNamingTheFormat()
    {
        using var response = await fixture.Auditor.GetAsync("/api/evidence/screenshot.png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("64 hex digits", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Png(string text) => [.. PngSignature, .. Encoding.UTF8.GetBytes($"{text} {Guid.NewGuid()}")];

    private async Task<EvidenceReference> SaveAsync(byte[] content, string mediaType = EvidenceMediaTypes.Png) =>
        await Services.GetRequiredService<IEvidenceStore>().SaveAsync(new MemoryStream(content), mediaType, CancellationToken.None);

    private async Task<IReadOnlyList<RunLogRecord>> EventsAsync(string type, EvidenceReference reference) =>
        [.. (await Services.GetRequiredService<IRunLogReader>().QueryAsync(new RunLogQuery { Type = type, Limit = 1_000 }, CancellationToken.None))
            .Where(r => r.PayloadJson?.Contains(reference.Sha256, StringComparison.Ordinal) == true)];
}
