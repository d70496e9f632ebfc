using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace VoteFunctions.Core;

/// <summary>
/// The line-level pass over a vote file. DuckDB's JSON reader does the heavy lifting, but it
/// fails a whole file on one bad line and cannot say which line a row came from. The scanner
/// guarantees it gets one JSON object per line: <see cref="IsReadableAsIs"/> checks a file cheaply
/// (most files are clean and go to DuckDB untouched); <see cref="WriteCleanCopy"/> writes a copy
/// in which every bad line is replaced by an empty-object placeholder, so line numbers survive,
/// and records why each was rejected.
/// </summary>
internal static class VoteFileScanner
{
    public const int MaxLineBytes = 1 << 20;
    private const int MaxRawTextBytes = 4096;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Placeholder = "{}\n"u8.ToArray();

    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>
    /// The number of lines when every line is a non-blank, UTF-8, single-line JSON object of sane
    /// length and there is no byte order mark: DuckDB can read the file as it is and line n is its
    /// n-th object. Null when the file needs a clean copy.
    /// </summary>
    public static long? LinesIfReadableAsIs(string path, bool gzip, CancellationToken cancellationToken)
    {
        using var input = OpenDecoded(path, gzip, null);
        var lines = new LineReader(input, MaxLineBytes);
        try
        {
            while (lines.TryRead(out var line, out var tooLong))
            {
                if (lines.LineNumber == 1 && line.StartsWith(Bom)) return null;
                if (Problem(line, tooLong, validateJson: false) is not null) return null;
                if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (InvalidDataException)
        {
            return null; // a damaged gzip stream: the clean copy records where it ends
        }
        return lines.LineNumber;
    }

    /// <summary>
    /// Writes the file's lines to <paramref name="cleanPath"/> (decompressed, BOM and '\r' removed)
    /// with each bad line replaced by "{}", and each bad line's number, raw text and reason to
    /// <paramref name="rejectionsPath"/> as JSON Lines. Returns the number of lines read.
    /// </summary>
    public static long WriteCleanCopy(string path, bool gzip, bool validateJson, string cleanPath, string rejectionsPath, IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        using var input = OpenDecoded(path, gzip, bytesRead);
        using var clean = new FileStream(cleanPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var rejections = new RejectionWriter(rejectionsPath);
        var lines = new LineReader(input, MaxLineBytes);
        try
        {
            while (lines.TryRead(out var line, out var tooLong))
            {
                if (lines.LineNumber == 1 && line.StartsWith(Bom)) line = line[Bom.Length..];
                if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                var trimmed = TrimWhitespace(line);
                if (Problem(line, tooLong, validateJson) is { } reason)
                {
                    rejections.Write(lines.LineNumber, line, reason);
                    clean.Write(Placeholder);
                }
                else
                {
                    clean.Write(trimmed);
                    clean.WriteByte((byte)'\n');
                }
            }
        }
        catch (InvalidDataException)
        {
            var tail = lines.Unread;
            rejections.Write(lines.LineNumber + 1, tail,
                "the gzip stream is damaged or truncated: the file ends here and any later lines are missing");
            clean.Write(Placeholder);
            return lines.LineNumber + 1;
        }
        return lines.LineNumber;
    }

    /// <summary>Why a line cannot be a vote object, or null when DuckDB can read it.</summary>
    private static string? Problem(ReadOnlySpan<byte> line, bool tooLong, bool validateJson)
    {
        if (tooLong) return $"line is longer than {MaxLineBytes} bytes; a vote is a few hundred";
        var trimmed = TrimWhitespace(line);
        if (trimmed.IsEmpty) return "blank line";
        if (!Utf8.IsValid(trimmed)) return "line is not valid UTF-8 text";
        if (trimmed[0] != (byte)'{')
            return trimmed[0] == (byte)'[' ? "line is a JSON array, not a vote object" : "line is not a JSON object";
        if (trimmed[^1] != (byte)'}') return "line is not a complete JSON object (cut off, or an object spread over several lines)";
        return validateJson ? JsonProblem(trimmed) : null;
    }

    private static string? JsonProblem(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    return reader.Read() ? "line holds more than one JSON value" : null;
            }
            return "line is not a complete JSON object";
        }
        catch (JsonException e)
        {
            return "line is not valid JSON: " + e.Message.Split(" LineNumber:")[0];
        }
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> line) => line.Trim(" \t\r\f\v"u8);

    private static Stream OpenDecoded(string path, bool gzip, IProgress<long>? bytesRead)
    {
        Stream file = new ProgressStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), bytesRead);
        return gzip ? new CheckedGzipStream(file, path) : file;
    }

    /// <summary>
    /// Writes {LineNumber, RawText} for the given lines (ascending) of the file, read again
    /// from the original so the text is exactly what was sent. Used for lines rejected by SQL.
    /// </summary>
    public static void WriteRawLines(string path, bool gzip, IReadOnlyList<long> lineNumbers, string outputPath)
    {
        using var input = OpenDecoded(path, gzip, null);
        using var output = new RejectionWriter(outputPath);
        var lines = new LineReader(input, MaxLineBytes);
        var next = 0;
        while (next < lineNumbers.Count && lines.TryRead(out var line, out _))
        {
            if (lines.LineNumber != lineNumbers[next]) continue;
            if (lines.LineNumber == 1 && line.StartsWith(Bom)) line = line[Bom.Length..];
            output.Write(lines.LineNumber, line, reason: null);
            next++;
        }
    }

    /// <summary>Rejected lines as JSON Lines {LineNumber, RawText, Reason}, read back by SQL.</summary>
    private sealed class RejectionWriter : IDisposable
    {
        private readonly FileStream file;
        private readonly Utf8JsonWriter writer;

        public RejectionWriter(string path)
        {
            file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            writer = new Utf8JsonWriter(file);
        }

        public void Write(long lineNumber, ReadOnlySpan<byte> raw, string? reason)
        {
            writer.WriteStartObject();
            writer.WriteNumber("LineNumber", lineNumber);
            writer.WriteString("RawText", RawText(raw));
            if (reason is not null) writer.WriteString("Reason", reason);
            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            file.WriteByte((byte)'\n');
        }

        public void Dispose()
        {
            writer.Dispose();
            file.Dispose();
        }
    }

    /// <summary>The line as text for a person: invalid UTF-8 shown as U+FFFD, NUL as U+2400, cut at 4 KiB.</summary>
    public static string RawText(ReadOnlySpan<byte> raw)
    {
        var cut = raw.Length > MaxRawTextBytes;
        var text = Encoding.UTF8.GetString(cut ? raw[..MaxRawTextBytes] : raw).Replace('\0', '\u2400');
        return cut ? text + $"… [{raw.Length} bytes, cut at {MaxRawTextBytes}]" : text;
    }
}
