namespace Automation.Robots.Desktop.Tests.Infrastructure;

/// <summary>
/// Every desktop test runs in this collection: one headless session for the whole run, and tests one after another
/// (they share one display and one accessibility bus, and the machine has few cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DesktopCollection : ICollectionFixture<DesktopSessionFixture>
{
    public const string Name = "Desktop";
}
