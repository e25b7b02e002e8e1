using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Tests.Infrastructure;
using Automation.Robots.Desktop.Ui;

namespace Automation.Robots.Desktop.Tests.Driver;

/// <summary>The FlaUI-shaped API and the AT-SPI client under it, on the legacy app.</summary>
[Collection(DesktopCollection.Name)]
[Trait("Category", "Desktop")]
public sealed class AutomationApiTests(DesktopSessionFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task FindAllDescendants_LoginWindow_MatchesRoleNumbers()
    {
        using var app = LegacyDesktopApp.Start(fixture);
        using var automation = await AtSpiAutomation.ConnectAsync(Wait, default);
        using var application = Application.Attach(app.Pid);
        var cf = automation.ConditionFactory;

        var window = await application.GetMainWindowAsync(automation, Wait, default);
        var buttons = await window.FindAllDescendantsAsync(cf.ByRole(AtSpiRole.PushButton), default);
        var fields = await window.FindAllDescendantsAsync(cf.ByRole(AtSpiRole.Entry, AtSpiRole.Text, AtSpiRole.PasswordText), default);
        var password = await window.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.PasswordText), default);

        Assert.Equal(AtSpiRole.Frame, await window.GetRoleAsync(default));
        Assert.Equal("PAS Desktop – Log ind", await window.GetNameAsync(default));
        Assert.Equal("Log ind", await Assert.Single(buttons).GetNameAsync(default));
        Assert.Equal(2, fields.Count);
        Assert.NotNull(password);
        Assert.Equal("password", await password.GetAutomationIdAsync(default));
        Assert.Contains("EditableText", await password.GetPatternsAsync(default));
        Assert.True((await password.GetStatesAsync(default)).Contains(AtSpiState.Editable));
        Assert.Equal(app.Pid, await window.Framework.GetProcessIdAsync(default));
    }

    [Fact]
    public async Task ByLabel_RelationOrPositionOnly_FindsTheRightField()
    {
        using var app = LegacyDesktopApp.Start(fixture);
        using var automation = await AtSpiAutomation.ConnectAsync(Wait, default);
        using var application = Application.Attach(app.Pid);
        var cf = automation.ConditionFactory;
        var dialog = await OpenRegistrationAsync(automation, application);

        var cpr = await dialog.FindFirstDescendantAsync(cf.ByLabel("CPR-nummer"), default);
        var cprLabel = await dialog.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.Label).And(cf.ByName("CPR-nummer")), default);
        var priority = await dialog.FindFirstDescendantAsync(cf.ByLabel("Prioritet"), default);
        var priorityLabel = await dialog.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.Label).And(cf.ByName("Prioritet")), default);
        var note = await dialog.FindFirstDescendantAsync(cf.RightOf("Bemærkning", AtSpiRole.Entry, AtSpiRole.Text), default);

        Assert.Equal("cpr", await cpr!.GetAutomationIdAsync(default));
        Assert.Equal(cprLabel!.Framework.Id, Assert.Single(await cpr.Framework.GetRelatedAsync(AtSpiRelation.LabelledBy, default)).Id);
        Assert.Equal("priority", await priority!.GetAutomationIdAsync(default));
        Assert.Empty(await priorityLabel!.Framework.GetRelatedAsync(AtSpiRelation.LabelFor, default));
        Assert.Equal("note", await note!.GetAutomationIdAsync(default));
    }

    [Fact]
    public async Task TypedWrappers_RegistrationForm_WriteAndReadBack()
    {
        using var app = LegacyDesktopApp.Start(fixture);
        using var automation = await AtSpiAutomation.ConnectAsync(Wait, default);
        using var application = Application.Attach(app.Pid);
        var cf = automation.ConditionFactory;
        var dialog = await OpenRegistrationAsync(automation, application);

        var name = (await dialog.FindFirstDescendantAsync(cf.ByAutomationId("name"), default))!.AsTextBox();
        var department = (await dialog.FindFirstDescendantAsync(cf.ByAutomationId("department"), default))!.AsComboBox();
        var acute = (await dialog.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.CheckBox).And(cf.ByName("Akut")), default))!.AsCheckBox();
        await name.SetTextAsync("Ærlig Østergård", default);
        await department.SelectAsync("Onkologi", default);
        await acute.ToggleAsync(default);

        Assert.Equal("Ærlig Østergård", await name.GetTextAsync(default));
        Assert.Equal(["Kardiologi", "Ortopædkirurgi", "Neurologi", "Onkologi", "Medicin"], await department.GetItemsAsync(default));
        Assert.True(await Retry.UntilAsync(async ct => await department.GetSelectedItemAsync(ct) == "Onkologi", Wait, default));
        Assert.True(await Retry.UntilAsync(acute.IsCheckedAsync, Wait, default));
    }

    [Fact]
    public async Task Launch_ByExecutable_FindsTheWindowByPidAndCloseEndsIt()
    {
        using var automation = await AtSpiAutomation.ConnectAsync(Wait, default);
        var data = Directory.CreateTempSubdirectory("driver-launch-");
        using var application = Application.Launch("/usr/bin/python3", Path.Combine(fixture.RepositoryRoot, "tools", "Automation.LegacyDesktop", "legacy_pas.py"), "--data", data.FullName);
        try
        {
            var window = await application.GetMainWindowAsync(automation, TimeSpan.FromSeconds(20), default);

            Assert.Equal("PAS Desktop – Log ind", await window.GetNameAsync(default));
            Assert.Equal("legacy_pas.py", application.Name);
        }
        finally
        {
            application.Close();
            data.Delete(recursive: true);
        }

        Assert.True(application.HasExited);
    }

    [Fact]
    public async Task KeysAndMouse_DeviceEventController_TypeIntoFieldAndPressButton()
    {
        using var app = LegacyDesktopApp.Start(fixture);
        using var automation = await AtSpiAutomation.ConnectAsync(Wait, default);
        using var application = Application.Attach(app.Pid);
        var cf = automation.ConditionFactory;
        var window = await application.GetMainWindowAsync(automation, Wait, default);
        var user = (await window.FindFirstDescendantAsync(cf.ByAutomationId("username"), default))!;
        await user.AsTextBox().SetTextAsync("old", default);

        await user.ClickAsync(default);
        await user.FocusAsync(default);
        await automation.SelectAllAsync(default);
        await automation.TypeAsync("abc", default);
        var typed = await Retry.UntilAsync(async ct => await user.GetTextAsync(ct) == "abc", Wait, default);
        await (await window.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.PushButton), default))!.ClickAsync(default);
        var error = await Retry.WhileNullAsync(async ct => await application.GetAllTopLevelWindowsAsync(automation, ct) is [_, var second, ..] ? second : null, Wait, default);

        Assert.True(typed, "typed text: " + await user.GetTextAsync(default));
        Assert.NotNull(error);
        Assert.Equal(AtSpiRole.Alert, await error.GetRoleAsync(default));
    }

    /// <summary>Signs in and opens "Ny registrering" through the API; returns the dialog.</summary>
    private static async Task<AutomationElement> OpenRegistrationAsync(AutomationBase automation, Application application)
    {
        var cf = automation.ConditionFactory;
        var login = await application.GetMainWindowAsync(automation, Wait, default);
        await (await login.FindFirstDescendantAsync(cf.ByLabel("Brugernavn"), default))!.AsTextBox().SetTextAsync(LegacyDesktopApp.UserName, default);
        await (await login.FindFirstDescendantAsync(cf.ByLabel("Adgangskode"), default))!.AsTextBox().SetTextAsync(LegacyDesktopApp.Password, default);
        await (await login.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.PushButton).And(cf.ByName("Log ind")), default))!.AsButton().InvokeAsync(default);
        var main = await Retry.WhileNullAsync(async ct =>
        {
            foreach (var window in await application.GetAllTopLevelWindowsAsync(automation, ct))
            {
                if (await window.FindFirstDescendantAsync(cf.ByRole(AtSpiRole.PushButton).And(cf.ByName("Ny registrering")), ct) is { } button)
                {
                    return button;
                }
            }

            return null;
        }, Wait, default);
        await main!.AsButton().InvokeAsync(default);
        return (await Retry.WhileNullAsync(async ct =>
        {
            foreach (var window in await application.GetAllTopLevelWindowsAsync(automation, ct))
            {
                if (await window.GetNameAsync(ct) == "Ny registrering")
                {
                    return window;
                }
            }

            return null;
        }, Wait, default))!;
    }
}
