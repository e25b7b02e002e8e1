using System.Buffers.Binary;
using System.IO.Compression;

namespace Automation.Robots.Desktop.Evidence;

/// <summary>
/// Encodes 8-bit RGB pixels as a PNG (IHDR, one IDAT with a zlib stream, IEND). Each row uses the "Sub" filter,
/// which makes the flat areas of a desktop compress well at the fastest zlib level.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> pixels given row by row as R, G, B bytes.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var stride = width * 3;
        if (rgb.Length != stride * height)
        {
            throw new ArgumentException($"Expected {stride * height} RGB bytes for {width}×{height}, got {rgb.Length}.", nameof(rgb));
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var line = new byte[stride + 1];
            line[0] = 1; // Sub: each byte minus the same channel of the pixel to its left.
            for (var y = 0; y < height; y++)
            {
                var row = rgb.Slice(y * stride, stride);
                row[..3].CopyTo(line.AsSpan(1));
                for (var i = 3; i < stride; i++)
                {
                    line[i + 1] = (byte)(row[i] - row[i - 3]);
                }

                zlib.Write(line);
            }
        }

        using var png = new MemoryStream((int)compressed.Length + 64);
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour (RGB)
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>CRC-32 (ISO-HDLC, the one PNG and zlib's crc32 use) of the bytes.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes) => ~Update(uint.MaxValue, bytes);

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, ~Update(Update(uint.MaxValue, type), data));
        png.Write(number);
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
