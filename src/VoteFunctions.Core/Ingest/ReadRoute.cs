using VoteFunctions.Core.Files;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// How DuckDB reads a file: as it is (the common case: DuckDB's parallel reader, no copy), or a
/// clean copy that the line check writes, decompressed and with every rejected line replaced by
/// "{}", so that DuckDB gives exactly one row per line. This is the one place that decides.
/// </summary>
internal static class ReadRoute
{
    /// <summary>
    /// Read from a copy from the start: gzip (DuckDB would decompress on one thread, and could not
    /// tell a truncated file), or a byte order mark (DuckDB would not parse the first line).
    /// </summary>
    public static bool CopyFirst(InputFile input) => input.IsGzip || input.StartsWithByteOrderMark;

    /// <summary>
    /// After DuckDB read the file as it is (<paramref name="rows"/> is null when its reader
    /// stopped, as an object spread over several lines makes it): the rows can be used only when
    /// there is one per line (DuckDB skips blank lines) and every line the check rejected is listed,
    /// so that its row can be taken out. Otherwise the file is read again from a clean copy.
    /// </summary>
    public static bool AsIsRowsUsable(long? rows, LineCheck.Result check) => rows == check.Lines && check.AllRejectionsKept;
}
