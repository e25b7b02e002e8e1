using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Automation.Robots.Desktop.Evidence;
using Automation.Robots.Desktop.Tests.Infrastructure;

namespace Automation.Robots.Desktop.Tests.Evidence;

/// <summary>Screenshots of the real Xvfb display, taken over the X11 protocol and encoded as PNG by our own code.</summary>
[Trait("Category", "Desktop")]
[Collection(DesktopCollection.Name)]
public sealed partial class DisplayCaptureTests(DesktopSessionFixture session)
{
    [Fact]
    public async Task CapturePngAsync_AppWindowShown_IsAPngOfTheScreensSizeWithTheWindowInIt()
    {
        using var app = LegacyDesktopApp.Start(session);
        var (screenWidth, screenHeight) = ScreenSize(session.Display);

        var png = await new DisplayCapture(session.Display).CapturePngAsync(CancellationToken.None);

        var image = PngImage.Decode(png);
        Assert.Equal((screenWidth, screenHeight), (image.Width, image.Height));
        Assert.True(image.DistinctColours() > 20, $"the screenshot has only {image.DistinctColours()} colours, so the login window is not in it");
    }

    [Fact]
    public async Task CapturePngAsync_DefaultDisplay_UsesDisplayVariable()
    {
        var png = await new DisplayCapture().CapturePngAsync(CancellationToken.None);

        var (screenWidth, screenHeight) = ScreenSize(session.Display);
        var image = PngImage.Decode(png);
        Assert.Equal((screenWidth, screenHeight), (image.Width, image.Height));
    }

    /// <summary>The screen size as the X server itself reports it (xdpyinfo), independent of our protocol code.</summary>
    private static (int Width, int Height) ScreenSize(string display)
    {
        using var process = Process.Start(new ProcessStartInfo("xdpyinfo", ["-display", display]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = Dimensions().Match(output);
        Assert.True(match.Success, $"xdpyinfo printed no dimensions: {output}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"dimensions:\s+(\d+)x(\d+) pixels")]
    private static partial Regex Dimensions();

    /// <summary>A minimal PNG reader for 8-bit RGB images: checks the signature and every chunk's CRC, inflates and unfilters.</summary>
    private sealed record PngImage(int Width, int Height, byte[] Rgb)
    {
        public static PngImage Decode(byte[] png)
        {
            Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
            var offset = 8;
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            while (offset < png.Length)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
                var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
                var data = png.AsSpan(offset + 8, length);
                var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
                Assert.Equal(BitwiseCrc32(png.AsSpan(offset + 4, length + 4)), crc);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal((8, 2), (data[8], data[9]));
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                offset += 12 + length;
            }

            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            zlib.CopyTo(raw);
            return new PngImage(width, height, Unfilter(raw.ToArray(), width, height));
        }

        public int DistinctColours()
        {
            var colours = new HashSet<int>();
            for (var i = 0; i < Rgb.Length; i += 3)
            {
                colours.Add((Rgb[i] << 16) | (Rgb[i + 1] << 8) | Rgb[i + 2]);
            }

            return colours.Count;
        }

        private static byte[] Unfilter(byte[] raw, int width, int height)
        {
            var stride = width * 3;
            Assert.Equal((stride + 1) * height, raw.Length);
            var rgb = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    var value = raw[(y * (stride + 1)) + 1 + x];
                    int left = x >= 3 ? rgb[(y * stride) + x - 3] : 0;
                    int up = y > 0 ? rgb[((y - 1) * stride) + x] : 0;
                    int upLeft = x >= 3 && y > 0 ? rgb[((y - 1) * stride) + x - 3] : 0;
                    rgb[(y * stride) + x] = (byte)(filter switch
                    {
                        0 => value,
                        1 => value + left,
                        2 => value + up,
                        3 => value + ((left + up) / 2),
                        4 => value + Paeth(left, up, upLeft),
                        _ => throw new InvalidDataException($"PNG filter {filter} on row {y}"),
                    });
                }
            }

            return rgb;
        }

        /// <summary>CRC-32 bit by bit (the product uses a table), so the check does not share the product's code.</summary>
        private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
        {
            var crc = uint.MaxValue;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }

            return ~crc;
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}

/// <summary>Screenshot failures a user can cause, with messages that say what to fix; no display needed.</summary>
public sealed class DisplayCaptureErrorTests
{
    [Fact]
    public async Task CapturePngAsync_NoXServerOnDisplay_FailsNamingTheDisplay()
    {
        var capture = new DisplayCapture(":987");

        var error = await Assert.ThrowsAsync<RobotException>(() => capture.CapturePngAsync(CancellationToken.None));

        Assert.Contains(":987", error.Message, StringComparison.Ordinal);
        Assert.Contains("Xvfb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapturePngAsync_NotADisplayName_FailsWithTheExpectedForm()
    {
        var capture = new DisplayCapture("screen-one");

        var error = await Assert.ThrowsAsync<RobotException>(() => capture.CapturePngAsync(CancellationToken.None));

        Assert.Contains("'screen-one' is not an X display name", error.Message, StringComparison.Ordinal);
    }
}
