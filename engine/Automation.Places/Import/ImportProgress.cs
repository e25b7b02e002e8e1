namespace Automation.Places.Import;

/// <summary>How far an import has come, reported every few thousand rows.</summary>
/// <param name="File">The file.</param>
/// <param name="Rows">Rows read so far.</param>
/// <param name="BytesRead">Bytes of the file read so far (approximate: the reader buffers).</param>
/// <param name="TotalBytes">The file's size.</param>
/// <param name="Elapsed">Time since the import started.</param>
public sealed record ImportProgress(string File, long Rows, long BytesRead, long TotalBytes, TimeSpan Elapsed);
