using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;

namespace Automation.Robots.Desktop.Evidence;

/// <summary>
/// A PNG screenshot of a whole X display (the robot's Xvfb), taken by speaking the X11 protocol directly over the
/// display's socket: connection setup (without authorization, or with the MIT-MAGIC-COOKIE-1 from XAUTHORITY), one
/// GetImage of the root window in ZPixmap format, converted to RGB with the root visual's masks and encoded as PNG.
/// No X library, no external program.
/// </summary>
public sealed class DisplayCapture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string? _display;

    /// <summary>Captures <paramref name="display"/> (for example <c>:99</c>); <c>$DISPLAY</c> when null.</summary>
    public DisplayCapture(string? display = null) => _display = display;

    /// <summary>The display's root window as a PNG (8-bit RGB, the screen's size).</summary>
    /// <exception cref="RobotException">DISPLAY is not set, the display cannot be reached, refuses the connection or the image.</exception>
    public async Task<byte[]> CapturePngAsync(CancellationToken cancellationToken)
    {
        var display = string.IsNullOrWhiteSpace(_display) ? Environment.GetEnvironmentVariable("DISPLAY") : _display;
        if (string.IsNullOrWhiteSpace(display))
        {
            throw new RobotException("Cannot take a screenshot of the desktop: DISPLAY is not set; start the robot inside a desktop session (tools/desktop-session.sh start) or give the display, for example \":99\".");
        }

        var address = X11Address.Parse(display);
        if (address.IsLocal && !File.Exists(address.SocketPath))
        {
            throw new RobotException($"No X server runs on display {display} (there is no socket {address.SocketPath}); is Xvfb running on that display, or is DISPLAY from another session?");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var connection = await X11Connection.OpenAsync(address, display, timeout.Token).ConfigureAwait(false);
            var rgb = await connection.GetRootImageAsync(timeout.Token).ConfigureAwait(false);
            var screen = connection.Screen;
            return PngEncoder.Encode(screen.Width, screen.Height, rgb);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RobotException($"The X display {display} did not answer within {Timeout.TotalSeconds:F0} s while taking a screenshot; is its X server (Xvfb) hung?");
        }
        catch (SocketException e)
        {
            throw new RobotException($"Cannot connect to the X display {display} ({address}) for a screenshot: {e.Message}; is Xvfb running on that display?", e);
        }
        catch (IOException e)
        {
            throw new RobotException($"The X display {display} closed the connection while taking a screenshot: {e.Message}.", e);
        }
    }

    /// <summary>Where a DISPLAY string points: a Unix socket for <c>:n</c> / <c>unix:n</c>, TCP port 6000+n otherwise.</summary>
    private sealed record X11Address(string? Host, int Number, int Screen)
    {
        public static X11Address Parse(string display)
        {
            var colon = display.LastIndexOf(':');
            if (colon < 0 || colon == display.Length - 1)
            {
                throw new RobotException($"The display '{display}' is not an X display name; write it like \":99\" or \"localhost:99.0\".");
            }

            var host = display[..colon];
            var rest = display[(colon + 1)..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var numberText = dot < 0 ? rest : rest[..dot];
            var screenText = dot < 0 ? "0" : rest[(dot + 1)..];
            if (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !int.TryParse(screenText, NumberStyles.None, CultureInfo.InvariantCulture, out var screen))
            {
                throw new RobotException($"The display '{display}' is not an X display name; write it like \":99\" or \"localhost:99.0\".");
            }

            return new X11Address(host.Length == 0 || host == "unix" ? null : host, number, screen);
        }

        public bool IsLocal => Host is null;

        public string SocketPath => $"/tmp/.X11-unix/X{Number}";

        public async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
        {
            if (IsLocal)
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await unix.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
                    return unix;
                }
                catch
                {
                    unix.Dispose();
                    throw;
                }
            }

            var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await tcp.ConnectAsync(Host!, 6000 + Number, cancellationToken).ConfigureAwait(false);
                return tcp;
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        public override string ToString() => IsLocal ? SocketPath : $"{Host}:{6000 + Number}";
    }

    /// <summary>The root window of one screen and how its pixels are laid out in a ZPixmap image.</summary>
    private sealed record ScreenInfo(uint Root, int Width, int Height, int Depth, int BitsPerPixel, int ScanlinePad, bool MsbFirst, uint RedMask, uint GreenMask, uint BlueMask);

    private sealed class X11Connection : IDisposable
    {
        private const byte GetImageOpcode = 73;
        private const byte ZPixmap = 2;
        private readonly Socket _socket;

        private X11Connection(Socket socket, ScreenInfo screen)
        {
            _socket = socket;
            Screen = screen;
        }

        public ScreenInfo Screen { get; }

        /// <summary>Connection setup: first without authorization (a local Xvfb without -auth accepts it), then with the cookie.</summary>
        public static async Task<X11Connection> OpenAsync(X11Address address, string display, CancellationToken cancellationToken)
        {
            var socket = await address.ConnectAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var setup = await TrySetUpAsync(socket, null, cancellationToken).ConfigureAwait(false);
                if (setup.Refusal is not null)
                {
                    var cookie = XAuthority.FindCookie(address) ?? throw new RobotException(
                        $"The X display {display} refused the screenshot connection ({setup.Refusal}) and XAUTHORITY holds no MIT-MAGIC-COOKIE-1 for it; set XAUTHORITY to the display's cookie file.");

                    // The server closes a refused connection, so the authorized attempt needs a new one.
                    socket.Dispose();
                    socket = await address.ConnectAsync(cancellationToken).ConfigureAwait(false);
                    setup = await TrySetUpAsync(socket, cookie, cancellationToken).ConfigureAwait(false);
                    if (setup.Refusal is not null)
                    {
                        throw new RobotException($"The X display {display} refused the screenshot connection with the XAUTHORITY cookie: {setup.Refusal}.");
                    }
                }

                return new X11Connection(socket, ParseSetup(setup.Data!, address.Screen, display));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public void Dispose() => _socket.Dispose();

        public async Task<byte[]> GetRootImageAsync(CancellationToken cancellationToken)
        {
            var screen = Screen;
            var target = _socket;
            var request = new byte[20];
            request[0] = GetImageOpcode;
            request[1] = ZPixmap;
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(2), 5);
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), screen.Root);
            BinaryPrimitives.WriteInt16LittleEndian(request.AsSpan(8), 0);
            BinaryPrimitives.WriteInt16LittleEndian(request.AsSpan(10), 0);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(12), (ushort)screen.Width);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(14), (ushort)screen.Height);
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(16), uint.MaxValue);
            await target.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);

            // Events cannot arrive (we selected none), so the next packet is the reply or an error.
            var header = new byte[32];
            await ReadExactlyAsync(target, header, cancellationToken).ConfigureAwait(false);
            if (header[0] == 0)
            {
                throw new RobotException($"The X display refused to give the screen's image (X error {header[1]}).");
            }

            var length = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)) * 4);
            var data = new byte[length];
            await ReadExactlyAsync(target, data, cancellationToken).ConfigureAwait(false);
            return ToRgb(screen, data);
        }

        private static async Task<(byte[]? Data, string? Refusal)> TrySetUpAsync(Socket target, byte[]? cookie, CancellationToken cancellationToken)
        {
            var name = cookie is null ? [] : "MIT-MAGIC-COOKIE-1"u8.ToArray();
            var auth = cookie ?? [];
            var request = new byte[12 + Pad(name.Length) + Pad(auth.Length)];
            request[0] = (byte)'l';
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(2), 11);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), 0);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), (ushort)name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(8), (ushort)auth.Length);
            name.CopyTo(request, 12);
            auth.CopyTo(request, 12 + Pad(name.Length));
            await target.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);

            var header = new byte[8];
            await ReadExactlyAsync(target, header, cancellationToken).ConfigureAwait(false);
            var extra = new byte[BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6)) * 4];
            await ReadExactlyAsync(target, extra, cancellationToken).ConfigureAwait(false);
            return header[0] switch
            {
                1 => (extra, null),
                0 => (null, System.Text.Encoding.Latin1.GetString(extra, 0, Math.Min(header[1], extra.Length)).Trim()),
                _ => (null, "further authentication required"),
            };
        }

        private static ScreenInfo ParseSetup(byte[] data, int screenNumber, string display)
        {
            var vendorLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(16));
            var screens = data[20];
            var formats = data[21];
            var msbFirst = data[22] == 1;
            var offset = 32 + Pad(vendorLength);
            var pixmapFormats = new Dictionary<int, (int Bpp, int Pad)>();
            for (var i = 0; i < formats; i++, offset += 8)
            {
                pixmapFormats[data[offset]] = (data[offset + 1], data[offset + 2]);
            }

            if (screenNumber >= screens)
            {
                throw new RobotException($"The X display {display} has {screens} screen(s); screen {screenNumber} does not exist.");
            }

            for (var s = 0; s < screens; s++)
            {
                var root = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
                var width = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 20));
                var height = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 22));
                var rootVisual = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 32));
                var rootDepth = data[offset + 38];
                var depthCount = data[offset + 39];
                offset += 40;
                (uint Red, uint Green, uint Blue)? masks = null;
                for (var d = 0; d < depthCount; d++)
                {
                    var visuals = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 2));
                    offset += 8;
                    for (var v = 0; v < visuals; v++, offset += 24)
                    {
                        if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) == rootVisual)
                        {
                            masks = (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 8)),
                                BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 12)),
                                BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 16)));
                        }
                    }
                }

                if (s != screenNumber)
                {
                    continue;
                }

                if (masks is not { } m || m.Red == 0 || m.Green == 0 || m.Blue == 0 || !pixmapFormats.TryGetValue(rootDepth, out var format) || format.Bpp is not (16 or 24 or 32))
                {
                    throw new RobotException($"The X display {display} uses a {rootDepth}-bit screen without a true-colour root visual; start Xvfb with -screen 0 WxHx24 for screenshots.");
                }

                return new ScreenInfo(root, width, height, rootDepth, format.Bpp, format.Pad, msbFirst, m.Red, m.Green, m.Blue);
            }

            throw new RobotException($"The X display {display} sent an incomplete setup reply.");
        }

        private static byte[] ToRgb(ScreenInfo screen, byte[] data)
        {
            var bytesPerPixel = screen.BitsPerPixel / 8;
            var stride = (screen.Width * screen.BitsPerPixel + screen.ScanlinePad - 1) / screen.ScanlinePad * screen.ScanlinePad / 8;
            if (data.Length < stride * screen.Height)
            {
                throw new RobotException($"The screen image is {data.Length} bytes, less than {screen.Width}×{screen.Height} pixels need.");
            }

            var red = new Channel(screen.RedMask);
            var green = new Channel(screen.GreenMask);
            var blue = new Channel(screen.BlueMask);
            var rgb = new byte[screen.Width * screen.Height * 3];
            var o = 0;
            for (var y = 0; y < screen.Height; y++)
            {
                var row = y * stride;
                for (var x = 0; x < screen.Width; x++)
                {
                    var p = row + x * bytesPerPixel;
                    uint pixel = 0;
                    for (var b = 0; b < bytesPerPixel; b++)
                    {
                        var shift = screen.MsbFirst ? 8 * (bytesPerPixel - 1 - b) : 8 * b;
                        pixel |= (uint)data[p + b] << shift;
                    }

                    rgb[o++] = red.Of(pixel);
                    rgb[o++] = green.Of(pixel);
                    rgb[o++] = blue.Of(pixel);
                }
            }

            return rgb;
        }

        private static async Task ReadExactlyAsync(Socket target, byte[] buffer, CancellationToken cancellationToken)
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await target.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException("the X server closed the connection");
                }

                read += n;
            }
        }
    }

    /// <summary>One colour channel of a true-colour pixel, scaled to 8 bits.</summary>
    private readonly struct Channel
    {
        private readonly uint _mask;
        private readonly int _shift;
        private readonly uint _max;

        public Channel(uint mask)
        {
            _mask = mask;
            _shift = System.Numerics.BitOperations.TrailingZeroCount(mask);
            _max = mask >> _shift;
        }

        public byte Of(uint pixel)
        {
            var value = (pixel & _mask) >> _shift;
            return _max == 255 ? (byte)value : (byte)(value * 255 / _max);
        }
    }

    private static int Pad(int length) => (length + 3) & ~3;

    /// <summary>Reads the MIT-MAGIC-COOKIE-1 for a display from the XAUTHORITY file (or ~/.Xauthority).</summary>
    private static class XAuthority
    {
        private const int FamilyLocal = 256;
        private const int FamilyWild = 65535;

        public static byte[]? FindCookie(X11Address address)
        {
            var file = Environment.GetEnvironmentVariable("XAUTHORITY");
            if (string.IsNullOrEmpty(file))
            {
                var home = Environment.GetEnvironmentVariable("HOME");
                file = home is null ? null : Path.Combine(home, ".Xauthority");
            }

            if (file is null || !File.Exists(file))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(file);
            var number = address.Number.ToString(CultureInfo.InvariantCulture);
            var offset = 0;
            while (offset + 2 <= bytes.Length)
            {
                var family = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));
                offset += 2;
                var fields = new byte[4][];
                for (var i = 0; i < 4; i++)
                {
                    if (offset + 2 > bytes.Length)
                    {
                        return null;
                    }

                    var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));
                    offset += 2;
                    if (offset + length > bytes.Length)
                    {
                        return null;
                    }

                    fields[i] = bytes.AsSpan(offset, length).ToArray();
                    offset += length;
                }

                var entryNumber = System.Text.Encoding.ASCII.GetString(fields[1]);
                var entryName = System.Text.Encoding.ASCII.GetString(fields[2]);
                if ((family is FamilyLocal or FamilyWild || !address.IsLocal)
                    && (entryNumber.Length == 0 || entryNumber == number)
                    && entryName == "MIT-MAGIC-COOKIE-1")
                {
                    return fields[3];
                }
            }

            return null;
        }
    }
}
