using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace VoteFunctions.Core;

/// <summary>
/// What C# does with a vote file around DuckDB's JSON reader, which does the heavy lifting: it
/// reads the file itself with ignore_errors, turning a line it cannot parse into a row of NULLs in
/// that line's place (and skipping whitespace-only lines). <see cref="CheckQuickly"/> is one fast
/// read, with checks over whole buffers, that says whether DuckDB's rows will match the file's
/// lines one to one. When they might not (gzip, a byte order mark, an overlong line, blank
/// lines), <see cref="Scan"/> is the line-level pass: it records each bad line, why, and its raw
/// text, and writes a clean copy when needed, with every bad line replaced by an empty-object
/// placeholder, so line numbers survive. <see cref="WriteRejectedLines"/> reads back the raw
/// text (and, for lines DuckDB could not parse, the reason) of the lines rejected in SQL.
/// </summary>
internal static class VoteFileScanner
{
    public const int MaxLineBytes = 1 << 20;
    private const int MaxRawTextBytes = 4096;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];
    private static readonly byte[] Placeholder = "{}\n"u8.ToArray();

    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic.SequenceEqual(GzipMagic);
    }

    /// <summary>What <see cref="CheckQuickly"/> found.</summary>
    /// <param name="Xxh128">The content's fast key (see <see cref="ContentHashes"/>).</param>
    /// <param name="Lines">The lines of the file (valid when readable as is).</param>
    /// <param name="Index">
    /// Where the lines start, when the file is readable as is: not gzip, no byte order mark, valid
    /// UTF-8 throughout, no line of <see cref="MaxLineBytes"/> or more, and a last line that is
    /// not blank. DuckDB may then read the file itself, row for line unless a blank line sits
    /// between others (DuckDB skips it; its row count gives that away), and the lines it cannot
    /// parse come back as rows of NULLs. Null when the file needs the line scan.
    /// </param>
    /// <param name="Complete">False when the read only computed the fast key (see <see cref="CheckQuickly"/>).</param>
    public sealed record QuickCheck(string Xxh128, long Lines, LineIndex? Index, bool Complete = true)
    {
        public bool ReadableAsIs => Index is not null;
    }

    /// <summary>
    /// One read of the file with whole-buffer (vectorised) checks only, no work per line, which
    /// also computes the fast content key: most files need nothing more before DuckDB reads them.
    /// Once <paramref name="keyOnly"/> says so (the file is likely a re-delivery), it stops checking
    /// and only computes the key, which is quicker; the result is then not complete.
    /// </summary>
    public static QuickCheck CheckQuickly(string path, IProgress<long>? bytesRead, CancellationToken cancellationToken, Func<bool>? keyOnly = null)
    {
        var xxh128 = new XxHash128();
        using var file = new ProgressStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), bytesRead);
        // The unfinished last line of a block (under MaxLineBytes) is carried to the front of the
        // buffer, so that UTF-8 is always validated in whole lines.
        var buffer = new byte[2 * MaxLineBytes];
        var carried = 0;
        var index = new LineIndex();
        var readable = true;
        var complete = true;
        var firstBlock = true;
        int read;
        while ((read = file.ReadAtLeast(buffer.AsSpan(carried, MaxLineBytes), MaxLineBytes, throwOnEndOfStream: false)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fresh = buffer.AsSpan(carried, read);
            xxh128.Append(fresh);
            if (firstBlock)
            {
                readable = !fresh.StartsWith(Bom) && !fresh.StartsWith(GzipMagic);
                firstBlock = false;
            }
            if (complete && keyOnly?.Invoke() == true) complete = readable = false;
            if (!readable) continue;
            index.Add(fresh);
            var block = buffer.AsSpan(0, carried + read);
            var firstNewline = block.IndexOf((byte)'\n');
            if (firstNewline < 0 ? block.Length >= MaxLineBytes : firstNewline >= MaxLineBytes)
            {
                readable = false;
                continue;
            }
            if (firstNewline < 0)
            {
                carried = block.Length;
                continue;
            }
            var lastNewline = block.LastIndexOf((byte)'\n');
            readable = Utf8.IsValid(block[..(lastNewline + 1)]);
            var unfinished = block[(lastNewline + 1)..];
            unfinished.CopyTo(buffer);
            carried = unfinished.Length;
        }
        // An unterminated last line is a line too.
        var lines = index.Newlines + (carried > 0 ? 1 : 0);
        if (readable && carried > 0) readable = Utf8.IsValid(buffer.AsSpan(0, carried));
        var hash = Convert.ToHexStringLower(xxh128.GetHashAndReset());
        if (!complete) return new QuickCheck(hash, 0, Index: null, Complete: false);
        return readable && (lines == 0 || !LastLineMayBeBlank(path))
            ? new QuickCheck(hash, lines, index)
            : new QuickCheck(hash, 0, Index: null);
    }

    /// <summary>Whether the last line is blank, from the file's last 64 KiB (true when that is all whitespace).</summary>
    private static bool LastLineMayBeBlank(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var tail = new byte[(int)Math.Min(file.Length, 1 << 16)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var lastLine = tail.AsSpan();
        if (lastLine.EndsWith("\n"u8)) lastLine = lastLine[..^1]; // the last line's terminator
        return TrimWhitespace(lastLine[(lastLine.LastIndexOf((byte)'\n') + 1)..]).IsEmpty;
    }

    /// <summary>What a scan found.</summary>
    /// <param name="LinesRead">Every line of the file, blank ones included.</param>
    /// <param name="RowsExpected">The rows DuckDB must return for the file it is given: one per line up to the last non-blank one (trailing blank lines give none).</param>
    /// <param name="NeedsCleanCopy">The original cannot be read as it is (nothing was copied: scan again with a copy path).</param>
    public sealed record ScanResult(long LinesRead, long RowsExpected, bool NeedsCleanCopy);

    /// <summary>
    /// Reads every line and writes each bad line's number, raw text and reason to
    /// <paramref name="rejectionsPath"/> as JSON Lines. With <paramref name="cleanCopyPath"/>, also
    /// writes the lines there (decompressed, BOM and '\r' removed, bad lines replaced by "{}"), which
    /// DuckDB reads row for line; without it, stops early at the first sign that the original
    /// cannot be read as it is. <paramref name="validateJson"/> checks every line in full, for
    /// the rare file on which DuckDB's reader fails even with ignore_errors.
    /// </summary>
    public static ScanResult Scan(string path, bool gzip, string rejectionsPath, string? cleanCopyPath, bool validateJson, IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        using var input = OpenDecoded(path, gzip, bytesRead);
        using var clean = cleanCopyPath is null ? null : new FileStream(cleanCopyPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var rejections = new RejectionWriter(rejectionsPath);
        var lines = new LineReader(input, MaxLineBytes);
        long lastNonBlankLine = 0;
        var blankLines = false;
        try
        {
            while (lines.TryRead(out var line, out var tooLong))
            {
                if ((lines.LineNumber & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                if (lines.LineNumber == 1 && line.StartsWith(Bom))
                {
                    if (clean is null) return new ScanResult(lines.LineNumber, 0, NeedsCleanCopy: true);
                    line = line[Bom.Length..];
                }
                var reason = Problem(line, tooLong, validateJson);
                if (reason is null || reason != BlankLine)
                {
                    // DuckDB skips blank lines: one followed by other lines shifts every later row.
                    if ((blankLines || tooLong) && clean is null) return new ScanResult(lines.LineNumber, 0, NeedsCleanCopy: true);
                    lastNonBlankLine = lines.LineNumber;
                }
                else blankLines = true;
                if (reason is not null) rejections.Write(lines.LineNumber, line, reason);
                if (clean is null) continue;
                if (reason is not null) clean.Write(Placeholder);
                else
                {
                    clean.Write(TrimWhitespace(line));
                    clean.WriteByte((byte)'\n');
                }
            }
        }
        catch (InvalidDataException)
        {
            if (clean is null) return new ScanResult(lines.LineNumber, 0, NeedsCleanCopy: true);
            rejections.Write(lines.LineNumber + 1, lines.Unread,
                "the gzip stream is damaged or truncated: the file ends here and any later lines are missing");
            clean.Write(Placeholder);
            return new ScanResult(lines.LineNumber + 1, lines.LineNumber + 1, NeedsCleanCopy: false);
        }
        return new ScanResult(lines.LineNumber, clean is null ? lastNonBlankLine : lines.LineNumber, NeedsCleanCopy: false);
    }

    private const string BlankLine = "blank line";

    /// <summary>Why a trimmed line is not one valid JSON value (the full check, for the few lines that need it); null when it is.</summary>
    private static string? JsonProblem(ReadOnlySpan<byte> trimmed)
    {
        var reader = new Utf8JsonReader(trimmed, new JsonReaderOptions { MaxDepth = 64 });
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

    /// <summary>Why a line cannot be a vote object, or null when it looks like one (DuckDB has the last word).</summary>
    private static string? Problem(ReadOnlySpan<byte> line, bool tooLong, bool validateJson)
    {
        if (tooLong) return $"line is longer than {MaxLineBytes} bytes; a vote is a few hundred";
        var trimmed = TrimWhitespace(line);
        if (trimmed.IsEmpty) return BlankLine;
        if (!Utf8.IsValid(trimmed)) return "line is not valid UTF-8 text";
        if (trimmed[0] != (byte)'{')
            return trimmed[0] == (byte)'[' ? "line is a JSON array, not a vote object" : "line is not a JSON object";
        if (trimmed[^1] != (byte)'}') return "line is not a complete JSON object (cut off, or an object spread over several lines)";
        return validateJson ? JsonProblem(trimmed) : null;
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> line) => line.Trim(" \t\r\f\v"u8);

    private static Stream OpenDecoded(string path, bool gzip, IProgress<long>? bytesRead)
    {
        Stream file = new ProgressStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), bytesRead);
        return gzip ? new CheckedGzipStream(file, path) : file;
    }

    /// <summary>
    /// Writes {LineNumber, RawText, Reason} for the given lines (ascending) of the file, read again
    /// from the original so the text is exactly what was sent. Used for lines rejected by SQL; the
    /// Reason is set only when the line is not a valid JSON object (DuckDB gave it a row of NULLs),
    /// which says more than the SQL reason about missing fields. With the file's
    /// <paramref name="index"/> (a plain file), it seeks near each line far from the one before
    /// instead of reading the whole file.
    /// </summary>
    public static void WriteRejectedLines(string path, bool gzip, LineIndex? index, IReadOnlyList<long> lineNumbers, string outputPath)
    {
        using var input = index is null ? OpenDecoded(path, gzip, null) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var output = new RejectionWriter(outputPath);
        // Small reads when seeking: most of a chunk around each line is all that is needed.
        var lines = new LineReader(input, MaxLineBytes, index is null ? int.MaxValue : LineIndex.ChunkBytes);
        long readingFrom = -1;
        var next = 0;
        while (next < lineNumbers.Count)
        {
            if (index is not null)
            {
                var (offset, linesBefore) = index.StartFor(lineNumbers[next]);
                // Reading on is as cheap as seeking when the line is in the next chunk or this one.
                if (offset > readingFrom + LineIndex.ChunkBytes && linesBefore > lines.LineNumber)
                {
                    input.Position = offset;
                    lines.Restart(linesBefore);
                }
                readingFrom = offset;
            }
            lines.SkipTo(lineNumbers[next]);
            if (!lines.TryRead(out var line, out _)) break;
            if (lines.LineNumber != lineNumbers[next]) continue;
            if (lines.LineNumber == 1 && line.StartsWith(Bom)) line = line[Bom.Length..];
            output.Write(lines.LineNumber, line, Problem(line, tooLong: false, validateJson: true));
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
