namespace Automation.Robots.Desktop.AtSpi;

/// <summary>An accessible object on the accessibility bus: the application's bus name and the object's path.</summary>
/// <remarks>Valid only while the widget lives; drivers look elements up afresh per action instead of keeping these.</remarks>
public readonly record struct AccessibleRef(string BusName, string Path)
{
    /// <summary>The path the AT-SPI spec uses for "no object".</summary>
    public const string NullPath = "/org/a11y/atspi/null";

    public bool IsNull => string.IsNullOrEmpty(BusName) || Path == NullPath;

    public override string ToString() => BusName + Path;
}
