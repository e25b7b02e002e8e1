using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Automation.Data.RunLog;

/// <summary>A record's stored fields, and the canonical bytes the chain hashes.</summary>
internal sealed class RunLogRow
{
    public long Sequence;
    public long TimestampTicks;
    public string ActorKind = "";
    public string ActorName = "";
    public string? InstanceId;
    public string? QueueItemId;
    public string? BusinessKey;
    public string? WorkflowId;
    public int? WorkflowVersion;
    public string? Target;
    public string EventType = "";
    public string? Outcome;
    public string? Payload;
    public byte[] PreviousHash = [];
    public byte[] Hash = [];

    public static readonly byte[] ZeroHash = new byte[32];

    /// <summary>SHA-256(previous hash + canonical bytes), with <paramref name="buffer"/> reused between records.</summary>
    public byte[] ComputeHash(ReadOnlySpan<byte> previousHash, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        Write(buffer, previousHash);
        WriteCanonical(buffer);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    // Canonical bytes: fixed-width integers, then every text field as a length (-1 for null) and its UTF-8 bytes,
    // in column order. Length prefixes keep "ab"+"c" and "a"+"bc" apart.
    private void WriteCanonical(ArrayBufferWriter<byte> buffer)
    {
        WriteInt64(buffer, Sequence);
        WriteInt64(buffer, TimestampTicks);
        WriteText(buffer, ActorKind);
        WriteText(buffer, ActorName);
        WriteText(buffer, InstanceId);
        WriteText(buffer, QueueItemId);
        WriteText(buffer, BusinessKey);
        WriteText(buffer, WorkflowId);
        WriteInt64(buffer, WorkflowVersion ?? -1);
        WriteText(buffer, Target);
        WriteText(buffer, EventType);
        WriteText(buffer, Outcome);
        WriteText(buffer, Payload);
    }

    public static RunLogRow Read(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        TimestampTicks = reader.GetInt64(1),
        ActorKind = reader.GetString(2),
        ActorName = reader.GetString(3),
        InstanceId = reader.IsDBNull(4) ? null : reader.GetString(4),
        QueueItemId = reader.IsDBNull(5) ? null : reader.GetString(5),
        BusinessKey = reader.IsDBNull(6) ? null : reader.GetString(6),
        WorkflowId = reader.IsDBNull(7) ? null : reader.GetString(7),
        WorkflowVersion = reader.IsDBNull(8) ? null : reader.GetInt32(8),
        Target = reader.IsDBNull(9) ? null : reader.GetString(9),
        EventType = reader.GetString(10),
        Outcome = reader.IsDBNull(11) ? null : reader.GetString(11),
        Payload = reader.IsDBNull(12) ? null : reader.GetString(12),
        PreviousHash = (byte[])reader.GetValue(13),
        Hash = (byte[])reader.GetValue(14),
    };

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), -1);
            buffer.Advance(4);
            return;
        }

        var span = buffer.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        buffer.Advance(4 + length);
    }
}
