namespace VoteFunctions.Core.Files;

/// <summary>
/// The raw text of lines rejected in SQL (conflicts: votes whose Id came before with other
/// content), read again from the original file so that it is exactly what was sent. With the
/// file's <see cref="LineIndex"/> (a plain file) it seeks near each line instead of reading the
/// whole file.
/// </summary>
internal static class RejectedLineReadBack
{
    /// <summary>The raw text (<see cref="RejectedLineText.Of"/>) of the given lines, in ascending order.</summary>
    public static List<(long LineNumber, string RawText)> Read(InputFile input, LineIndex? index, IReadOnlyList<long> lineNumbers)
    {
        var found = new List<(long LineNumber, string RawText)>(lineNumbers.Count);
        if (lineNumbers.Count == 0) return found;
        using var file = new FileStream(input.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var content = input.IsGzip ? new CheckedGzipStream(file) : (Stream)file;
        // Small reads when seeking: most of a chunk around each line is all that is needed.
        using var lines = new LineReader(content, readBytes: index is null ? int.MaxValue : LineIndex.ChunkBytes);
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
                    file.Position = offset;
                    lines.Restart(linesBefore);
                }
                readingFrom = offset;
            }
            lines.SkipTo(lineNumbers[next]);
            if (!lines.TryRead(out var line, out _)) break;
            if (lines.LineNumber != lineNumbers[next]) continue;
            found.Add((lines.LineNumber, RejectedLineText.Of(line)));
            next++;
        }
        return found;
    }
}
