using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Sessions;
using static Automation.Robots.Desktop.Tests.Driver.LegacySession;

namespace Automation.Robots.Desktop.Tests.Driver;

[Collection(DesktopCollection.Name)]
[Trait("Category", "Desktop")]
public sealed class DesktopSessionTests(DesktopSessionFixture fixture)
{
    [Fact]
    public async Task SignIn_RightPassword_ShowsMainWindow()
    {
        await using var pas = await OpenAsync(fixture, signIn: false);

        var result = await pas.Session.SignInAsync(Wait, default);

        Assert.Equal(SignIn.LoggedIn, result);
        var status = await pas.Session.ReadTextAsync(Sel("""{"role": "label", "name": "Status"}"""), Wait, default);
        Assert.Equal("Logget ind som robot", status.Value);
    }

    [Fact]
    public async Task SignIn_WrongPassword_FailsWithTheApplicationsMessage()
    {
        await using var pas = await OpenAsync(fixture, signIn: false, password: "wrong");

        var error = await Assert.ThrowsAsync<RobotException>(() => pas.Session.SignInAsync(Wait, default));

        Assert.Contains("Forkert brugernavn eller adgangskode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check the credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fill_LabelledEntry_ReadsBackAndReportsTheCandidate()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();

        var match = await pas.Session.FillAsync(Sel("""[{"testId": "no-such-id"}, {"label": "CPR-nummer"}]"""), "010203-1234", Wait, default);
        var read = await pas.Session.ReadTextAsync(Sel("""{"testId": "cpr"}"""), Wait, default);

        Assert.Equal("""{label: "CPR-nummer"}""", match.Candidate);
        Assert.Equal("010203-1234", read.Value);
    }

    [Fact]
    public async Task Select_ComboByLabelAndByPosition_ReadsBackTheChoice()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();

        await pas.Session.SelectAsync(Sel("""{"label": "Afdeling"}"""), "Neurologi", OptionMatch.Label, Wait, default);
        var priority = await pas.Session.SelectAsync(Sel("""{"role": "combobox", "rightOf": "Prioritet"}"""), "Akut", OptionMatch.Label, Wait, default);

        Assert.Equal("Neurologi", (await pas.Session.ReadTextAsync(Sel("""{"testId": "department"}"""), Wait, default)).Value);
        Assert.Equal("Akut", (await pas.Session.ReadTextAsync(Sel("""{"testId": "priority"}"""), Wait, default)).Value);
        Assert.Equal("""{role: "combobox", rightOf: "Prioritet"}""", priority.Candidate);
    }

    [Fact]
    public async Task Fill_FieldLabelledOnlyByPosition_FoundByLabelText()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();

        await pas.Session.FillAsync(Sel("""{"label": "Bemærkning"}"""), "Ring før besøg", Wait, default);

        Assert.Equal("Ring før besøg", (await pas.Session.ReadTextAsync(Sel("""{"testId": "note"}"""), Wait, default)).Value);
    }

    [Fact]
    public async Task Check_CheckBox_IsCheckedAndUncheckedAgain()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();

        await pas.Session.CheckAsync(Sel("""{"role": "checkbox", "name": "Tolk nødvendig"}"""), true, Wait, default);
        await pas.Session.CheckAsync(Sel("""{"role": "checkbox", "name": "Tolk nødvendig"}"""), true, Wait, default);
        await pas.Session.CheckAsync(Sel("""{"label": "Akut"}"""), true, Wait, default);
        await pas.Session.CheckAsync(Sel("""{"testId": "acute"}"""), false, Wait, default);

        await SaveAsync(pas, "H-CHECK-1", openDialog: false);
        var saved = Assert.Single(pas.App.ReadRegistrations());
        Assert.True(saved.Interpreter);
        Assert.False(saved.Acute);
    }

    [Fact]
    public async Task ReadTable_AfterSaveAndSearch_RowsKeyedByHeaders()
    {
        await using var pas = await OpenAsync(fixture);
        await SaveAsync(pas, "H-TABLE-1");

        await pas.Session.FillAsync(Sel("""{"label": "Søg henvisning"}"""), "H-TABLE-1", Wait, default);
        await pas.Session.ClickAsync(Sel("""{"role": "button", "name": "Søg"}"""), Wait, default);
        var rows = await Retry(async () =>
        {
            var table = await pas.Session.ReadTableAsync(Sel("""{"role": "table", "name": "Resultater"}"""), Wait, default);
            return table.Value.Count > 0 ? table.Value : null;
        });

        var row = Assert.Single(rows);
        Assert.Equal("H-TABLE-1", row!["Henvisnings-id"]!.GetValue<string>());
        Assert.Equal("010203-1234", row["CPR-nummer"]!.GetValue<string>());
        Assert.Equal("Test Testesen", row["Navn"]!.GetValue<string>());
        Assert.StartsWith("J-", row["Journalnummer"]!.GetValue<string>(), StringComparison.Ordinal);
        var status = await pas.Session.WaitForAsync(Sel("""{"text": "1 registrering(er) fundet"}"""), ElementState.Visible, Wait, default);
        Assert.Equal("""{text: "1 registrering(er) fundet"}""", status!.Candidate);
    }

    [Fact]
    public async Task HandleDialog_InvalidCpr_ReportsTheErrorAndSavesNothing()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();
        await FillFormAsync(pas, "H-BAD-1", cpr: "12");

        var seen = await pas.Session.HandleDialogAsync(DialogAnswer.Accept, "CPR", Sel("""{"role": "button", "name": "Gem"}"""), Wait, default);

        Assert.NotNull(seen);
        Assert.Contains("CPR", seen.Message, StringComparison.Ordinal);
        await pas.Session.WaitForAsync(Sel("""{"testId": "referral"}"""), ElementState.Editable, Wait, default);
        Assert.Empty(pas.App.ReadRegistrations());
    }

    [Fact]
    public async Task WaitFor_DialogClosedAfterCancel_IsHidden()
    {
        await using var pas = await OpenAsync(fixture);
        await pas.OpenRegistrationAsync();

        await pas.Session.ClickAsync(Sel("""{"role": "button", "name": "Annuller"}"""), Wait, default);
        var match = await pas.Session.WaitForAsync(Sel("""{"testId": "referral"}"""), ElementState.Hidden, Wait, default);

        Assert.Null(match);
        await pas.Session.WaitForAsync(Sel("""{"role": "button", "name": "Søg"}"""), ElementState.Enabled, Wait, default);
    }

    [Fact]
    public async Task Click_CssCandidateOrNavigate_FailsNamingWhatDesktopSupports()
    {
        await using var pas = await OpenAsync(fixture, signIn: false);

        var css = await Assert.ThrowsAsync<Automation.Robots.Selectors.SelectorException>(() => pas.Session.ClickAsync(Sel("""{"css": "#login"}"""), Wait, default));
        var ambiguous = await Assert.ThrowsAsync<RobotException>(() => pas.Session.ClickAsync(Sel("""{"role": "textbox"}"""), Wait, default));

        var navigate = await Assert.ThrowsAsync<RobotException>(() => pas.Session.NavigateAsync("/x", Wait, default));

        Assert.Contains("web only", css.Message, StringComparison.Ordinal);
        Assert.Contains("matches 2 elements", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("not supported on desktop targets", navigate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchToPopup_ClickOpensDialog_StepsWorkInItAndScreenshotIsPng()
    {
        await using var pas = await OpenAsync(fixture);

        var title = await pas.Session.SwitchToPopupAsync(Sel("""{"role": "button", "name": "Ny registrering"}"""), Wait, default);
        await pas.Session.FillAsync(Sel("""{"label": "Navn"}"""), "Bo", Wait, default);
        var png = await pas.Session.ScreenshotAsync(default);

        Assert.Equal("Ny registrering", title);
        Assert.Equal("Bo", (await pas.Session.ReadTextAsync(Sel("""{"testId": "name"}"""), Wait, default)).Value);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public async Task Fill_StoppedApplication_FailsWithinTheTimeoutNamingTheApplication()
    {
        await using var pas = await OpenAsync(fixture, signIn: false);
        pas.App.Stop();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<RobotException>(() => pas.Session.FillAsync(Sel("""{"label": "Brugernavn"}"""), "robot", TimeSpan.FromSeconds(1), default));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
            Assert.Contains("legacy_pas.py", error.Message, StringComparison.Ordinal);
            Assert.Contains($"pid {pas.App.Pid}", error.Message, StringComparison.Ordinal);
            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            pas.App.Continue();
        }
    }

    [Fact]
    public async Task Click_ApplicationKilled_FailsSayingItExited()
    {
        await using var pas = await OpenAsync(fixture, signIn: false);
        pas.App.Kill();

        var error = await Assert.ThrowsAsync<RobotException>(() => pas.Session.ClickAsync(Sel("""{"role": "button", "name": "Log ind"}"""), Wait, default));

        Assert.Contains("legacy_pas.py", error.Message, StringComparison.Ordinal);
        Assert.Contains("has exited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTrace_AfterSteps_WritesTheActionLogWithValues()
    {
        await using var pas = await OpenAsync(fixture, signIn: false);
        var tracing = Assert.IsAssignableFrom<ITracingSession>(pas.Session);

        await tracing.StartTraceAsync("item 1", default);
        await pas.Session.FillAsync(Sel("""{"label": "Brugernavn"}"""), "robot", Wait, default);
        var path = await tracing.StopTraceAsync(default);

        Assert.NotNull(path);
        var log = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        File.Delete(path);
        var action = Assert.Single(log["actions"]!.AsArray())!;
        Assert.Equal("Fill", action["action"]!.GetValue<string>());
        Assert.Equal("""{label: "Brugernavn"}""", action["candidate"]!.GetValue<string>());
        Assert.Equal("", action["before"]!.GetValue<string>());
        Assert.Equal("robot", action["after"]!.GetValue<string>());
    }

    private static async Task FillFormAsync(LegacySession pas, string referral, string cpr = "010203-1234")
    {
        await pas.Session.FillAsync(Sel("""{"label": "Henvisnings-id"}"""), referral, Wait, default);
        await pas.Session.FillAsync(Sel("""{"label": "CPR-nummer"}"""), cpr, Wait, default);
        await pas.Session.FillAsync(Sel("""{"label": "Navn"}"""), "Test Testesen", Wait, default);
        await pas.Session.SelectAsync(Sel("""{"label": "Afdeling"}"""), "Kardiologi", OptionMatch.Label, Wait, default);
        await pas.Session.FillAsync(Sel("""{"label": "Modtaget"}"""), "01-02-2026", Wait, default);
    }

    private static async Task SaveAsync(LegacySession pas, string referral, bool openDialog = true)
    {
        if (openDialog)
        {
            await pas.OpenRegistrationAsync();
        }

        await FillFormAsync(pas, referral);
        await pas.Session.ClickAsync(Sel("""{"role": "button", "name": "Gem"}"""), Wait, default);
        await pas.Session.WaitForAsync(Sel("""{"testId": "referral"}"""), ElementState.Hidden, Wait, default);
    }

    private static async Task<T> Retry<T>(Func<Task<T?>> probe)
        where T : class =>
        await global::Automation.Robots.Desktop.Ui.Retry.WhileNullAsync(_ => probe(), Wait, default) ?? throw new TimeoutException("nothing within " + Wait);
}
