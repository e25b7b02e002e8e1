using System.Collections.Concurrent;
using System.Globalization;
using Tmds.DBus.Protocol;

namespace Automation.Robots.Desktop.AtSpi;

/// <summary>Writes the arguments of one D-Bus call.</summary>
public delegate void WriteArgs(ref MessageWriter writer);

/// <summary>
/// A connection to the accessibility bus. Every call goes through <see cref="CallAsync{T}"/>, which bounds it with
/// the call timeout: an application that is stopped (SIGSTOP) or hung makes the call fail with a message naming the
/// application, the call and the timeout instead of hanging the robot.
/// </summary>
public sealed class AtSpiBus : IDisposable
{
    public const string RegistryName = "org.a11y.atspi.Registry";
    public const string RootPath = "/org/a11y/atspi/accessible/root";
    public const string AccessibleInterface = "org.a11y.atspi.Accessible";

    private readonly DBusConnection _connection;
    private readonly ConcurrentDictionary<string, string> _applicationNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _setsShowing = new(StringComparer.Ordinal);

    private AtSpiBus(DBusConnection connection, string address, TimeSpan callTimeout)
    {
        _connection = connection;
        Address = address;
        CallTimeout = callTimeout;
    }

    private long _calls;

    /// <summary>How many calls this connection has sent (for benchmarks: round trips per action).</summary>
    public long CallCount => Interlocked.Read(ref _calls);

    /// <summary>The accessibility bus address this connection uses.</summary>
    public string Address { get; }

    /// <summary>How long one call may take before it fails. <value>5 seconds</value></summary>
    public TimeSpan CallTimeout { get; set; }

    /// <summary>The registry's desktop object, whose children are the applications.</summary>
    public static AccessibleRef Desktop => new(RegistryName, RootPath);

    /// <summary>
    /// Connects to the accessibility bus: <c>AT_SPI_BUS_ADDRESS</c> when set, otherwise the address
    /// <c>org.a11y.Bus.GetAddress</c> gives on the session bus (which starts the bus launcher on demand).
    /// </summary>
    public static async Task<AtSpiBus> ConnectAsync(TimeSpan callTimeout, CancellationToken cancellationToken)
    {
        var address = Environment.GetEnvironmentVariable("AT_SPI_BUS_ADDRESS");
        if (string.IsNullOrWhiteSpace(address))
        {
            address = await SessionBusA11yAddressAsync(callTimeout, cancellationToken);
        }

        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(callTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is DBusConnectionException or TimeoutException or IOException)
        {
            connection.Dispose();
            throw new AtSpiException($"Could not connect to the accessibility bus at '{address}': {ex.Message}. Start a desktop session (tools/desktop-session.sh start) with at-spi2-core installed.", ex);
        }

        return new AtSpiBus(connection, address, callTimeout);
    }

    /// <summary>Calls a method and reads its reply within <paramref name="timeout"/> (default: <see cref="CallTimeout"/>).</summary>
    public async Task<T> CallAsync<T>(
        AccessibleRef target,
        string @interface,
        string member,
        string? signature,
        WriteArgs? args,
        MessageValueReader<T> reader,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? CallTimeout;
        Interlocked.Increment(ref _calls);
        MessageBuffer buffer;
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(target.BusName, target.Path, @interface, member, signature, MessageFlags.None);
            args?.Invoke(ref writer);
            buffer = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        try
        {
            return await _connection.CallMethodAsync(buffer, reader).WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new AtSpiException(
                $"{Describe(target.BusName)} did not answer {ShortInterface(@interface)}.{member} within {Seconds(limit)} s; the application is hung or stopped (for example SIGSTOP). Restart it or raise the step's timeout.",
                ex)
            { IsTimeout = true };
        }
        catch (DBusErrorReplyException ex)
        {
            var gone = ex.ErrorName is "org.freedesktop.DBus.Error.UnknownObject" or "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.UnknownMethod";
            throw new AtSpiException($"{Describe(target.BusName)} refused {ShortInterface(@interface)}.{member} on {target.Path}: {ex.ErrorName}: {ex.ErrorMessage}", ex) { IsGone = gone };
        }
        catch (DBusConnectionException ex)
        {
            throw new AtSpiException($"The accessibility bus connection broke during {ShortInterface(@interface)}.{member} on {Describe(target.BusName)}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a D-Bus property (<c>org.freedesktop.DBus.Properties.Get</c>).</summary>
    public Task<VariantValue> GetPropertyAsync(AccessibleRef target, string @interface, string name, CancellationToken cancellationToken) =>
        CallAsync(
            target,
            "org.freedesktop.DBus.Properties",
            "Get",
            "ss",
            (ref MessageWriter w) =>
            {
                w.WriteString(@interface);
                w.WriteString(name);
            },
            static (m, _) => m.GetBodyReader().ReadVariantValue(),
            cancellationToken);

    /// <summary>The applications registered on the bus (children of the registry's desktop object).</summary>
    public async Task<IReadOnlyList<AccessibleRef>> GetApplicationsAsync(CancellationToken cancellationToken) =>
        await new Accessible(this, Desktop).GetChildrenAsync(cancellationToken);

    /// <summary>The process id behind a bus name (<c>GetConnectionUnixProcessID</c> on the accessibility bus).</summary>
    public Task<uint> GetProcessIdAsync(string busName, CancellationToken cancellationToken) =>
        CallAsync(
            new AccessibleRef("org.freedesktop.DBus", "/org/freedesktop/DBus"),
            "org.freedesktop.DBus",
            "GetConnectionUnixProcessID",
            "s",
            (ref MessageWriter w) => w.WriteString(busName),
            static (m, _) => m.GetBodyReader().ReadUInt32(),
            cancellationToken);

    /// <summary>
    /// Whether the application sets the SHOWING state on its widgets. GTK 4 sets only VISIBLE (its windows alone are
    /// SHOWING), so for it VISIBLE is what tells an element is on screen. Read once per application.
    /// </summary>
    public async Task<bool> SetsShowingAsync(string busName, CancellationToken cancellationToken)
    {
        if (_setsShowing.TryGetValue(busName, out var known))
        {
            return known;
        }

        var root = new AccessibleRef(busName, RootPath);
        bool sets;
        try
        {
            var toolkit = (await GetPropertyAsync(root, "org.a11y.atspi.Application", "ToolkitName", cancellationToken)).GetString();
            var version = (await GetPropertyAsync(root, "org.a11y.atspi.Application", "Version", cancellationToken)).GetString();
            sets = !(toolkit.Equals("GTK", StringComparison.OrdinalIgnoreCase) && version.StartsWith("4.", StringComparison.Ordinal));
        }
        catch (AtSpiException ex) when (!ex.IsTimeout)
        {
            sets = true;
        }

        _setsShowing[busName] = sets;
        return sets;
    }

    /// <summary>Remembers how to name an application in messages (it cannot be asked once it hangs).</summary>
    public void NameApplication(string busName, string description) => _applicationNames[busName] = description;

    /// <summary>The application behind a bus name as messages show it, for example <c>application 'legacy_pas.py' (pid 42)</c>.</summary>
    public string Describe(string busName) =>
        _applicationNames.TryGetValue(busName, out var name) ? name : busName == RegistryName ? "The AT-SPI registry" : $"The application at bus name {busName}";

    public void Dispose() => _connection.Dispose();

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string ShortInterface(string @interface) =>
        @interface.StartsWith("org.a11y.atspi.", StringComparison.Ordinal) ? @interface["org.a11y.atspi.".Length..] : @interface;

    private static async Task<string> SessionBusA11yAddressAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var session = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (string.IsNullOrWhiteSpace(session))
        {
            throw new AtSpiException("There is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set) and AT_SPI_BUS_ADDRESS is not set either; run the robot inside a desktop session (tools/desktop-session.sh start).");
        }

        using var connection = new DBusConnection(session);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(timeout, cancellationToken);
            var writer = connection.GetMessageWriter();
            MessageBuffer buffer;
            try
            {
                writer.WriteMethodCallHeader("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", null, MessageFlags.None);
                buffer = writer.CreateMessage();
            }
            finally
            {
                writer.Dispose();
            }

            // The first call starts at-spi-bus-launcher through D-Bus activation, which can take a moment.
            return await connection.CallMethodAsync(buffer, static (m, _) => m.GetBodyReader().ReadString()).WaitAsync(timeout * 4, cancellationToken);
        }
        catch (Exception ex) when (ex is DBusConnectionException or DBusErrorReplyException or TimeoutException or IOException)
        {
            throw new AtSpiException($"The session bus could not give the accessibility bus address (org.a11y.Bus.GetAddress): {ex.Message}. Install at-spi2-core and make sure NO_AT_BRIDGE is not set.", ex);
        }
    }
}
