using DuckDB.NET.Data;
using VoteFunctions.Core.Files;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// Loads what the line check found into the batch's staging tables (Sql/ingest/1_staging_tables.sql)
/// through DuckDB's appender: the votes a vector at a time (<see cref="VoteChunkAppender"/>), the few
/// bad lines kept a row at a time; binary values, set-based, with no text for DuckDB to parse again.
/// One thread loads while the files are checked on the others. The appender writes each CLR value's
/// width as it is: every value is of its column's exact type (INTEGER int, BIGINT long).
/// </summary>
internal static class Staging
{
    /// <summary>Loads the blocks of checked lines as they come, until the queue is complete.</summary>
    public static void Load(DuckDBConnection writer, CheckedLinesQueue queue, CancellationToken cancellationToken)
    {
        using var votes = new VoteChunkAppender(writer);
        using var rejections = new ClosingAppender(writer, "line_rejections");
        foreach (var block in queue.Take(cancellationToken))
        {
            votes.Append(block);
            foreach (var line in block.Rejections)
                rejections.Appender.CreateRow().AppendValue(block.FileSlot).AppendValue(line.LineNumber).AppendValue(line.RawText).AppendValue(line.Reason).EndRow();
            queue.Return(block);
        }
        votes.Close();
        rejections.Close();
    }

    /// <summary>The raw text of lines read back from a file, for the conflicts kept.</summary>
    public static void AddRawLines(DuckDBConnection writer, int fileSlot, IEnumerable<(long LineNumber, string RawText)> lines)
    {
        using var raw = new ClosingAppender(writer, "raw_lines");
        foreach (var (lineNumber, rawText) in lines) raw.Appender.CreateRow().AppendValue(fileSlot).AppendValue(lineNumber).AppendValue(rawText).EndRow();
        raw.Close();
    }

    /// <summary>
    /// An appender on a staging table whose rows count only once closed; on a failure it is
    /// disposed without a second error hiding the first.
    /// </summary>
    private sealed class ClosingAppender(DuckDBConnection writer, string table) : IDisposable
    {
        public DuckDBAppender Appender { get; } = writer.CreateAppender("temp", "main", table);

        private bool closed;

        public void Close()
        {
            Appender.Close();
            closed = true;
        }

        public void Dispose()
        {
            try { Appender.Dispose(); }
            catch (DuckDBException) when (!closed) { /* the failure under way is the one to tell */ }
        }
    }
}
