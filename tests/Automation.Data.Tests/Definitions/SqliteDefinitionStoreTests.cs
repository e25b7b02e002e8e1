using Automation.Engine.Definitions;
using Automation.Engine.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Automation.Data.Tests.Definitions;

public sealed class SqliteDefinitionStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task PublishAsync_ThenNewDraft_PublishedVersionStaysAsPublished()
    {
        using var folder = new TempFolder();
        await using (var database = await Open(folder))
        {
            await database.Definitions.SaveDraftAsync(TestData.Definition("greet", "hello"), None);
            var published = await database.Definitions.PublishAsync("greet", None);
            await database.Definitions.SaveDraftAsync(TestData.Definition("greet", "changed"), None);
            Assert.Equal(1, published.Version);
        }

        await using var reopened = await Open(folder);
        var v1 = await reopened.Definitions.GetAsync("greet", 1, None);
        var draft = await reopened.Definitions.GetAsync("greet", 0, None);
        var latest = await reopened.Definitions.GetAsync("greet", null, None);
        var versions = await reopened.Definitions.ListVersionsAsync("greet", None);

        Assert.Equal("hello", Message(v1!));
        Assert.Equal("changed", Message(draft!));
        Assert.Equal(1, latest!.Version);
        Assert.Equal([(0, DefinitionState.Draft), (1, DefinitionState.Published)], versions.Select(v => (v.Version, v.State)));
    }

    [Fact]
    public async Task PublishAsync_SecondTime_TakesNextNumberAndRemovesDraft()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Definitions.SaveDraftAsync(TestData.Definition("greet", "one"), None);
        await database.Definitions.PublishAsync("greet", None);
        await database.Definitions.SaveDraftAsync(TestData.Definition("greet", "two"), None);

        var second = await database.Definitions.PublishAsync("greet", None);

        Assert.Equal(2, second.Version);
        Assert.Null(await database.Definitions.GetAsync("greet", 0, None));
        Assert.Equal("two", Message((await database.Definitions.GetAsync("greet", null, None))!));
    }

    [Fact]
    public async Task PublishAsync_NoDraft_ThrowsNamingWorkflowAndFix()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await database.Definitions.PublishAsync("nothing", None));

        Assert.Contains("'nothing' has no draft", error.Message, StringComparison.Ordinal);
        Assert.Contains("save a draft", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishIfChangedAsync_SameContent_ReturnsSameVersion()
    {
        using var folder = new TempFolder();
        await using (var database = await Open(folder))
        {
            Assert.Equal(1, (await database.Definitions.PublishIfChangedAsync(TestData.Definition("greet", "hello"), None)).Version);
        }

        await using var reopened = await Open(folder);
        var again = await reopened.Definitions.PublishIfChangedAsync(TestData.Definition("greet", "hello"), None);

        Assert.Equal(1, again.Version);
        Assert.Single(await reopened.Definitions.ListVersionsAsync("greet", None));
    }

    [Fact]
    public async Task PublishIfChangedAsync_ChangedContent_PublishesNextVersionAndKeepsOld()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Definitions.PublishIfChangedAsync(TestData.Definition("greet", "hello"), None);

        var changed = await database.Definitions.PublishIfChangedAsync(TestData.Definition("greet", "hej"), None);

        Assert.Equal(2, changed.Version);
        Assert.Equal("hello", Message((await database.Definitions.GetAsync("greet", 1, None))!));
        Assert.Equal("hej", Message((await database.Definitions.GetAsync("greet", null, None))!));
        var hashes = (await database.Definitions.ListVersionsAsync("greet", None)).Select(v => v.ContentHash).ToList();
        Assert.Equal(InMemoryDefinitionStore.ContentHash(changed), hashes[1]);
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task ListAsync_SeveralWorkflows_ListsHighestVersionOfEachWithSavedAt()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(TestData.Now);
        await using var database = await AutomationDatabase.OpenAsync(folder.Database, clock, None);
        await database.Definitions.SaveDraftAsync(TestData.Definition("a-draft", "x"), None);
        await database.Definitions.PublishIfChangedAsync(TestData.Definition("b-published", "x"), None);
        await database.Definitions.PublishIfChangedAsync(TestData.Definition("b-published", "y"), None);

        var list = await database.Definitions.ListAsync(None);

        Assert.Equal([("a-draft", 0, DefinitionState.Draft), ("b-published", 2, DefinitionState.Published)], list.Select(i => (i.Id, i.Version, i.State)));
        Assert.All(list, i => Assert.Equal(TestData.Now, i.SavedAt));
    }

    [Fact]
    public async Task DeleteDraftAsync_DraftAndPublished_DeletesOnlyTheDraft()
    {
        using var folder = new TempFolder();
        await using var database = await Open(folder);
        await database.Definitions.PublishIfChangedAsync(TestData.Definition("greet", "hello"), None);
        await database.Definitions.SaveDraftAsync(TestData.Definition("greet", "draft"), None);

        var deleted = await database.Definitions.DeleteDraftAsync("greet", None);
        var deletedAgain = await database.Definitions.DeleteDraftAsync("greet", None);

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal([1], (await database.Definitions.ListVersionsAsync("greet", None)).Select(v => v.Version));
    }

    private static string Message(WorkflowDefinition definition) =>
        definition.Root.Activities.Single(a => a.Id == "say").Inputs["message"]!.GetValue<string>();

    private static Task<AutomationDatabase> Open(TempFolder folder) => AutomationDatabase.OpenAsync(folder.Database, null, None);
}
