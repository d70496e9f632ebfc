using System.Text;
using System.Text.Json;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Rejected lines as JSON Lines {FileSlot, LineNumber, RawText, Reason}, for SQL to read with
/// read_json; FileSlot is the file's place in its ingest batch (see IngestPipeline).
/// </summary>
internal sealed class RejectionWriter : IDisposable
{
    /// <summary>The raw text kept of a rejected line: enough to see what is wrong with it.</summary>
    public const int MaxRawTextBytes = 4096;

    private readonly FileStream file;
    private readonly Utf8JsonWriter writer;

    public RejectionWriter(string path)
    {
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        writer = new Utf8JsonWriter(file);
    }

    public void Write(int fileSlot, long lineNumber, ReadOnlySpan<byte> raw, string? reason) => Write(fileSlot, lineNumber, RawText(raw), reason);

    public void Write(int fileSlot, long lineNumber, string rawText, string? reason)
    {
        writer.WriteStartObject();
        writer.WriteNumber("FileSlot", fileSlot);
        writer.WriteNumber("LineNumber", lineNumber);
        writer.WriteString("RawText", rawText);
        if (reason is not null) writer.WriteString("Reason", reason);
        writer.WriteEndObject();
        writer.Flush();
        writer.Reset();
        file.WriteByte((byte)'\n');
    }

    /// <summary>The line as text for a person: invalid UTF-8 shown as U+FFFD, NUL as U+2400, cut at 4 KiB.</summary>
    public static string RawText(ReadOnlySpan<byte> raw)
    {
        var cut = raw.Length > MaxRawTextBytes;
        var text = Encoding.UTF8.GetString(cut ? raw[..MaxRawTextBytes] : raw).Replace('\0', '\u2400');
        return cut ? text + $"… [{raw.Length} bytes, cut at {MaxRawTextBytes}]" : text;
    }

    public void Dispose()
    {
        writer.Dispose();
        file.Dispose();
    }
}
