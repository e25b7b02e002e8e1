using Tmds.DBus.Protocol;

namespace Automation.Robots.Desktop.AtSpi;

/// <summary>
/// Synthesized keyboard and mouse input through the registry's DeviceEventController, for widgets that offer no
/// accessible action or editable text. Input goes to whatever has the focus (keys) or lies under the point (mouse).
/// </summary>
public sealed class DeviceEventController(AtSpiBus bus)
{
    private const string Path = "/org/a11y/atspi/registry/deviceeventcontroller";
    private const string Interface = "org.a11y.atspi.DeviceEventController";

    /// <summary>Key event types of GenerateKeyboardEvent (AtspiKeySynthType).</summary>
    public enum KeyEvent : uint
    {
        Press = 0,
        Release = 1,
        PressRelease = 2,
        Sym = 3,
        String = 4,
    }

    /// <summary>Generates one key event: a hardware key code (Press/Release/PressRelease), a keysym (Sym) or a text (String).</summary>
    public Task GenerateKeyboardEventAsync(int keycode, string keystring, KeyEvent type, CancellationToken cancellationToken) =>
        bus.CallAsync(
            new AccessibleRef(AtSpiBus.RegistryName, Path),
            Interface,
            "GenerateKeyboardEvent",
            "isu",
            (ref MessageWriter w) =>
            {
                w.WriteInt32(keycode);
                w.WriteString(keystring);
                w.WriteUInt32((uint)type);
            },
            static (_, _) => true,
            cancellationToken);

    /// <summary>Types <paramref name="text"/> into the focused widget.</summary>
    public Task TypeAsync(string text, CancellationToken cancellationToken) => GenerateKeyboardEventAsync(0, text, KeyEvent.String, cancellationToken);

    /// <summary>Presses and releases one key given as an X keysym (for example 0xff0d Return, 0xff1b Escape).</summary>
    public Task PressKeySymAsync(int keysym, CancellationToken cancellationToken) => GenerateKeyboardEventAsync(keysym, "", KeyEvent.Sym, cancellationToken);

    /// <summary>Selects everything in the focused text field: Control+A with the standard X key codes (37, 38).</summary>
    public async Task SelectAllAsync(CancellationToken cancellationToken)
    {
        await GenerateKeyboardEventAsync(37, "", KeyEvent.Press, cancellationToken);
        try
        {
            await GenerateKeyboardEventAsync(38, "", KeyEvent.PressRelease, cancellationToken);
        }
        finally
        {
            await GenerateKeyboardEventAsync(37, "", KeyEvent.Release, cancellationToken);
        }
    }

    /// <summary>Generates a mouse event at screen coordinates; <paramref name="eventName"/> such as <c>b1c</c> (button 1 click).</summary>
    public Task GenerateMouseEventAsync(int x, int y, string eventName, CancellationToken cancellationToken) =>
        bus.CallAsync(
            new AccessibleRef(AtSpiBus.RegistryName, Path),
            Interface,
            "GenerateMouseEvent",
            "iis",
            (ref MessageWriter w) =>
            {
                w.WriteInt32(x);
                w.WriteInt32(y);
                w.WriteString(eventName);
            },
            static (_, _) => true,
            cancellationToken);

    public Task ClickAsync(int x, int y, CancellationToken cancellationToken) => GenerateMouseEventAsync(x, y, "b1c", cancellationToken);
}
