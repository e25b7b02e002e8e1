using System.Diagnostics;
using System.Security.Cryptography;
using Automation.Engine.Runtime;
using Automation.Robots.Evidence;
using Automation.Robots.Web.Tests.Infrastructure;

namespace Automation.Robots.Web.Tests;

/// <summary>The robot activities in workflows against real Chromium and the fixture site.</summary>
[Trait("Category", "Browser")]
public sealed class RobotActivityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string OpenSite = """{ "target": "site" }""";
    private const string OpenPlain = """{ "target": "plain" }""";
    private const string ClosePlain = """{ "target": "plain" }""";

    [Fact]
    public async Task Open_VaultCredential_SignsInAndReusesTheSignInNextTime()
    {
        var first = await fixture.RunAsync(["greeting"],
            ("Robot.Open", OpenSite),
            ("Robot.ReadText", """{ "target": "site", "selector": "#greeting", "variable": "greeting" }"""),
            ("Robot.Close", OpenSite));
        var second = await fixture.RunAsync([], ("Robot.Open", OpenSite), ("Robot.Close", OpenSite));

        Assert.Equal(InstanceStatus.Finished, first.Status);
        Assert.Equal("Velkommen robot", (await fixture.VariableAsync(first.InstanceId, "greeting"))?.GetValue<string>());
        Assert.Contains("Opened 'site' and signed in as 'site-robot'", fixture.Log.For(first.InstanceId));
        Assert.Equal(InstanceStatus.Finished, second.Status);
        Assert.Contains("Opened 'site' as 'site-robot' with the saved sign-in", fixture.Log.For(second.InstanceId));
        Assert.DoesNotContain(fixture.Log.For(first.InstanceId), l => l.Contains(FixtureSite.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FillSelectCheck_FormWithLabelsAndPositionalField_SubmitsVerifiedValues()
    {
        var result = await fixture.RunAsync(["cpr", "born", "region", "urgent"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "form" }"""),
            ("Robot.Fill", """{ "target": "plain", "selector": [{ "label": "Navn" }], "value": "Henvisning A" }"""),
            ("Robot.Fill", """{ "target": "plain", "selector": [{ "label": "CPR-nummer" }], "value": "010203-1234" }"""),
            ("Robot.Fill", """{ "target": "plain", "selector": [{ "label": "Fødselsdato" }, { "xpath": "//td[normalize-space()='Fødselsdato']/following-sibling::td/input" }], "value": "01-02-2003" }"""),
            ("Robot.Select", """{ "target": "plain", "selector": [{ "label": "Region" }], "option": "Region Sjælland" }"""),
            ("Robot.Check", """{ "target": "plain", "selector": [{ "role": "checkbox", "name": "Akut" }], "checked": true }"""),
            ("Robot.Click", """{ "target": "plain", "selector": [{ "role": "button", "name": "Gem" }] }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#out-cpr", "variable": "cpr" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#out-born", "variable": "born" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#out-region", "variable": "region" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#out-urgent", "variable": "urgent" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("010203-1234", (await fixture.VariableAsync(result.InstanceId, "cpr"))?.GetValue<string>());
        Assert.Equal("01-02-2003", (await fixture.VariableAsync(result.InstanceId, "born"))?.GetValue<string>());
        Assert.Equal("1085", (await fixture.VariableAsync(result.InstanceId, "region"))?.GetValue<string>());
        Assert.Equal("ja", (await fixture.VariableAsync(result.InstanceId, "urgent"))?.GetValue<string>());
        var journal = await fixture.JournalAsync(result.InstanceId);
        var positional = journal.Single(j => j.ActivityId == "s5");
        Assert.Contains(positional.Log!, l => l.Contains("candidate {xpath:", StringComparison.Ordinal));
        var nameFill = journal.Single(j => j.ActivityId == "s3");
        Assert.True(nameFill.Inputs!.ContainsKey("value"));
        Assert.DoesNotContain("Henvisning A", nameFill.Inputs.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_PageRewritesValueOnBlur_FailsSayingThePageChangedIt()
    {
        var result = await fixture.RunAsync([],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "form" }"""),
            ("Robot.Fill", """{ "target": "plain", "selector": [{ "label": "Reference" }], "value": "ref-17" }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("{label: \"Reference\"}: the field holds a different value after writing", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("evidence:sha256:", result.Incident.Message, StringComparison.Ordinal);
        await CloseAsync(result);
    }

    [Fact]
    public async Task Click_CandidateMatchesTwoElements_FailsNamingBoth()
    {
        var result = await fixture.RunAsync([],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "table" }"""),
            ("Robot.Click", """{ "target": "plain", "selector": [{ "role": "button", "name": "Åbn" }] }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var message = result.Incident!.Message;
        Assert.Contains("{role: \"button\", name: \"Åbn\"} matches 2 elements", message, StringComparison.Ordinal);
        Assert.Equal(2, message.Split("<button>Åbn</button>").Length - 1);
        await CloseAsync(result);
    }

    [Fact]
    public async Task Click_MissingElement_FailsWithinTimeoutWithScreenshotEvidence()
    {
        var clock = Stopwatch.StartNew();
        var result = await fixture.RunAsync([],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "form" }"""),
            ("Robot.Click", """{ "target": "plain", "selector": [{ "role": "button", "name": "Slet" }, { "css": "#delete" }], "timeout": "00:00:00.500" }"""));
        clock.Stop();

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var message = result.Incident!.Message;
        Assert.Contains("No element matched [{role: \"button\", name: \"Slet\"}, {css: \"#delete\"}] within 0.5 s", message, StringComparison.Ordinal);
        var reference = message[message.IndexOf(EvidenceReference.Prefix, StringComparison.Ordinal)..][..(EvidenceReference.Prefix.Length + 64)];
        Assert.True(EvidenceReference.TryParse(reference, out var parsed));
        Assert.Equal(parsed.Sha256, Convert.ToHexStringLower(SHA256.HashData(await EvidenceBytesAsync(parsed))));
        Assert.Contains(fixture.Log.For(result.InstanceId), l => l.Contains(reference, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await CloseAsync(result);
    }

    [Fact]
    public async Task ReadTable_TableWithHeader_ReturnsRowsAsObjects()
    {
        var result = await fixture.RunAsync(["rows"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "table" }"""),
            ("Robot.ReadTable", """{ "target": "plain", "selector": [{ "css": "#referrals" }], "variable": "rows" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var rows = (await fixture.VariableAsync(result.InstanceId, "rows"))!.AsArray();
        Assert.Equal(
            """[{"Id":"17","Navn":"Henvisning A","Status":"Ny","Handling":"Åbn"},{"Id":"18","Navn":"Henvisning B","Status":"Afsluttet","Handling":"Åbn"}]""",
            rows.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task HandleDialog_ConfirmWithExpectedText_IsAcceptedOrDismissed()
    {
        var result = await fixture.RunAsync(["accepted", "dismissed"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "dialog" }"""),
            ("Robot.HandleDialog", """{ "target": "plain", "answer": "accept", "expectedText": "Slet henvisning 17?", "click": [{ "role": "button", "name": "Slet" }] }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#status", "variable": "accepted" }"""),
            ("Robot.HandleDialog", """{ "target": "plain", "answer": "dismiss" }"""),
            ("Robot.Click", """{ "target": "plain", "selector": "#delete" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#status", "variable": "dismissed" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("Slettet", (await fixture.VariableAsync(result.InstanceId, "accepted"))?.GetValue<string>());
        Assert.Equal("Beholdt", (await fixture.VariableAsync(result.InstanceId, "dismissed"))?.GetValue<string>());
        Assert.Contains("confirm dialog 'Slet henvisning 17?' accepted", fixture.Log.For(result.InstanceId));
    }

    [Fact]
    public async Task HandleDialog_DifferentText_DismissesAndFails()
    {
        var result = await fixture.RunAsync([],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "dialog" }"""),
            ("Robot.HandleDialog", """{ "target": "plain", "answer": "accept", "expectedText": "Slet henvisning 99?", "click": "#delete" }"""));

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("said 'Slet henvisning 17?', not the expected 'Slet henvisning 99?'", result.Incident!.Message, StringComparison.Ordinal);
        await CloseAsync(result);
    }

    [Fact]
    public async Task Download_ReportLink_StoresFileWithItsSha256()
    {
        var target = Path.Combine(fixture.EvidenceDirectory, "out", "rapport.csv");
        var result = await fixture.RunAsync(["stored", "saved"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "download" }"""),
            ("Robot.Download", """{ "target": "plain", "selector": [{ "role": "link", "name": "Hent rapport" }], "variable": "stored" }"""),
            ("Robot.Download", $$"""{ "target": "plain", "selector": [{ "text": "Hent rapport" }], "path": "{{target}}", "variable": "saved" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var expected = Convert.ToHexStringLower(SHA256.HashData(FixtureSite.Report));
        var stored = (await fixture.VariableAsync(result.InstanceId, "stored"))!;
        Assert.Equal(expected, stored["sha256"]!.GetValue<string>());
        Assert.Equal("evidence:sha256:" + expected, stored["evidence"]!.GetValue<string>());
        Assert.Equal("rapport.csv", stored["fileName"]!.GetValue<string>());
        Assert.True(EvidenceReference.TryParse(stored["evidence"]!.GetValue<string>(), out var evidence));
        Assert.Equal(FixtureSite.Report, await EvidenceBytesAsync(evidence));

        var saved = (await fixture.VariableAsync(result.InstanceId, "saved"))!;
        Assert.Equal(expected, saved["sha256"]!.GetValue<string>());
        Assert.Equal(FixtureSite.Report, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task SwitchFrameAndPopup_ReadInsideAndBack_SeeTheRightDocument()
    {
        var result = await fixture.RunAsync(["inFrame", "inMain", "inPopup", "back"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "frame" }"""),
            ("Robot.SwitchFrame", """{ "target": "plain", "frame": [{ "css": "#inner" }] }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#where", "variable": "inFrame" }"""),
            ("Robot.SwitchFrame", """{ "target": "plain", "frame": "main" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#where", "variable": "inMain" }"""),
            ("Robot.Navigate", """{ "target": "plain", "url": "popup" }"""),
            ("Robot.Popup", """{ "target": "plain", "click": [{ "role": "button", "name": "Åbn detaljer" }] }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#where", "variable": "inPopup" }"""),
            ("Robot.Popup", """{ "target": "plain", "action": "back" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#where", "variable": "back" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("Inde i rammen", (await fixture.VariableAsync(result.InstanceId, "inFrame"))?.GetValue<string>());
        Assert.Equal("Uden for rammen", (await fixture.VariableAsync(result.InstanceId, "inMain"))?.GetValue<string>());
        Assert.Equal("Inde i rammen", (await fixture.VariableAsync(result.InstanceId, "inPopup"))?.GetValue<string>());
        Assert.Equal("Hovedvinduet", (await fixture.VariableAsync(result.InstanceId, "back"))?.GetValue<string>());
    }

    [Fact]
    public async Task UploadWaitForScreenshot_FileChosenAndLateElement_AreSeenAndEvidenceStored()
    {
        var file = Path.Combine(fixture.EvidenceDirectory, "bilag.txt");
        Directory.CreateDirectory(fixture.EvidenceDirectory);
        await File.WriteAllTextAsync(file, "bilag");
        var result = await fixture.RunAsync(["chosen", "shot"],
            ("Robot.Open", OpenPlain),
            ("Robot.Navigate", """{ "target": "plain", "url": "upload" }"""),
            ("Robot.Upload", $$"""{ "target": "plain", "selector": [{ "label": "Bilag" }], "path": "{{file}}" }"""),
            ("Robot.ReadText", """{ "target": "plain", "selector": "#chosen", "variable": "chosen" }"""),
            ("Robot.Navigate", """{ "target": "plain", "url": "late" }"""),
            ("Robot.Click", """{ "target": "plain", "selector": [{ "role": "button", "name": "Start" }] }"""),
            ("Robot.WaitFor", """{ "target": "plain", "selector": [{ "text": "Klar" }], "state": "visible", "timeout": "00:00:03" }"""),
            ("Robot.Screenshot", """{ "target": "plain", "variable": "shot" }"""),
            ("Robot.Close", ClosePlain));

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal("bilag.txt", (await fixture.VariableAsync(result.InstanceId, "chosen"))?.GetValue<string>());
        Assert.True(EvidenceReference.TryParse((await fixture.VariableAsync(result.InstanceId, "shot"))?.GetValue<string>(), out var shot));
        Assert.True(File.Exists(Path.Combine(fixture.EvidenceDirectory, "sha256", shot.Sha256[..2], shot.Sha256)));
    }

    /// <summary>A faulted run leaves its session open: close it so the browser context does not linger.</summary>
    private async Task CloseAsync(RunResult result)
    {
        var session = fixture.Sessions.Remove(result.InstanceId, "plain");
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }

    private async Task<byte[]> EvidenceBytesAsync(EvidenceReference reference)
    {
        await using var content = await ((IEvidenceStore)fixture.Services.GetService(typeof(IEvidenceStore))!).OpenReadAsync(reference, CancellationToken.None);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
