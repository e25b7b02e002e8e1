using System.Text;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Csv;

/// <summary>The text encodings CSV files come in: UTF-8, and the single-byte code pages of older Danish systems.</summary>
internal static class CsvEncodings
{
    public const string Utf8 = "utf-8";
    public const string Utf8WithBom = "utf-8-bom";
    public const string Windows1252 = "windows-1252";
    public const string Latin1 = "iso-8859-1";

    public static readonly string[] ReadNames = [Utf8, Windows1252, Latin1];

    public static readonly string[] WriteNames = [Utf8, Utf8WithBom, Windows1252, Latin1];

    // Windows-1252 is not built into .NET; registering the code-page provider twice is harmless, but once is enough.
    private static readonly Lazy<Encoding> Cp1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>The encoding named <paramref name="name"/>; faults naming the activity input and the choices otherwise.</summary>
    public static Encoding Resolve(string? name, string activityId, IReadOnlyList<string> allowed)
    {
        var key = (name ?? Utf8).Trim().ToLowerInvariant();
        if (!allowed.Contains(key, StringComparer.Ordinal))
        {
            throw new WorkflowFaultException($"Input 'encoding' of activity '{activityId}' is '{name}'; use one of {string.Join(", ", allowed)}.");
        }

        return key switch
        {
            Windows1252 => Cp1252.Value,
            Latin1 => Encoding.Latin1,
            Utf8WithBom => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
    }
}
