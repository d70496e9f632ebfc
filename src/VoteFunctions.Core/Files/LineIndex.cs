namespace VoteFunctions.Core.Files;

/// <summary>
/// Where the lines of a plain file start, coarsely: how many lines end before each 64 KiB chunk.
/// Built on the fast read, it lets the few rejected lines be read back by seeking near each one
/// instead of reading the whole file again; it costs 8 bytes per 64 KiB (1.3 MB for 10 GB).
/// </summary>
internal sealed class LineIndex
{
    public const int ChunkBytes = 1 << 16;

    private readonly List<long> newlinesBeforeChunk = [];

    /// <summary>The newlines counted so far.</summary>
    public long Newlines { get; private set; }

    // Bytes already counted of the last chunk (0 when the next byte starts a new chunk).
    private int partOfLastChunk;

    /// <summary>Counts the newlines of the next bytes of the file, which continue where the last call ended.</summary>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (partOfLastChunk == 0) newlinesBeforeChunk.Add(Newlines);
            var take = Math.Min(bytes.Length, ChunkBytes - partOfLastChunk);
            Newlines += bytes[..take].Count((byte)'\n');
            partOfLastChunk = (partOfLastChunk + take) % ChunkBytes;
            bytes = bytes[take..];
        }
    }

    /// <summary>
    /// Where to start reading to reach line <paramref name="lineNumber"/> (1-based): the file offset
    /// of the last chunk that begins before that line does, and how many lines end before it.
    /// </summary>
    public (long Offset, long LinesBefore) StartFor(long lineNumber)
    {
        // The last chunk with fewer than lineNumber - 1 newlines before it: the newline that ends
        // the line before the wanted one is in it or after it.
        int low = 0, high = newlinesBeforeChunk.Count - 1, found = 0;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (newlinesBeforeChunk[middle] < lineNumber - 1)
            {
                found = middle;
                low = middle + 1;
            }
            else high = middle - 1;
        }
        return ((long)found * ChunkBytes, newlinesBeforeChunk.Count == 0 ? 0 : newlinesBeforeChunk[found]);
    }
}
