using System.IO.Compression;
using Automation.Robots.Desktop.Evidence;

namespace Automation.Robots.Desktop.Tests.Evidence;

public sealed class PngEncoderTests
{
    [Fact]
    public void Crc32_CheckString_IsTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32("123456789"u8));
    }

    [Fact]
    public void Encode_TwoByTwo_RowsAreSubFilteredRgb()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];

        var png = PngEncoder.Encode(2, 2, rgb);

        // IDAT starts after the signature (8) and IHDR (4 + 4 + 13 + 4).
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        // Each row: filter 1 (Sub), then every byte minus the same channel one pixel to the left (mod 256).
        Assert.Equal(new byte[] { 1, 255, 0, 0, 1, 255, 0, 1, 0, 0, 255, 10, 20, 31 }, raw.ToArray());
    }

    [Fact]
    public void Encode_WrongPixelCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[5]));
    }
}
