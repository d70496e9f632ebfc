using DuckDB.NET.Data;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core;

/// <summary>
/// Makes sure, on every open, that the warehouse holds whole files only. A file's ingest is one
/// transaction, but a crash while DuckDB commits it can be replayed only in part: DuckDB 1.5.6 was
/// seen to keep every vote of a file and lose its ledger row, weekly counts and rejected lines
/// when the tail of the write-ahead log was cut. Only the last transaction can be torn, so the
/// checks look at the last file of the ledger and at what lies after it, which the FileId zone
/// maps make cheap at any size; they never read every vote.
/// </summary>
internal static class WarehouseRecovery
{
    private static readonly SqlScript LedgerFacts = SqlScript.Load("recovery/ledger_facts.sql");
    private static readonly SqlScript StoredFacts = SqlScript.Load("recovery/stored_facts.sql");
    private static readonly SqlScript RemoveFilesFrom = SqlScript.Load("recovery/remove_files_from.sql");

    private sealed record Ledgered(long LastFileId, string LastFileName, long LastFileInserted, long LastFileRejectedKept, long LedgerVotes, long WeeklyVotes);
    private sealed record Stored(long VotesAfterLast, long RejectedAfterLast, long VotesOfLast, long RejectedOfLast);

    /// <summary>Repairs what a torn commit left; returns what was done, in one line, or null when the warehouse was whole.</summary>
    public static string? Run(DuckDBConnection writer) => WriteTransaction.Run(writer, () => Repair(writer));

    private static string? Repair(DuckDBConnection writer)
    {
        var repairs = new List<string>();
        var ledger = ReadLedger(writer);
        var stored = StoredFacts.Query(writer, new { last_file_id = ledger.LastFileId },
            r => new Stored(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).Single();

        // Rows of a file whose ledger row was lost: the file was never ingested as far as the
        // ledger knows, and its next ingest would otherwise find its own votes already stored.
        if (stored.VotesAfterLast > 0 || stored.RejectedAfterLast > 0)
        {
            RemoveFilesFrom.Execute(writer, new { first_file_id = ledger.LastFileId + 1 });
            repairs.Add($"removed {stored.VotesAfterLast:N0} votes and {stored.RejectedAfterLast:N0} rejected lines of an ingest that has no ledger row");
        }
        // The last file's ledger row without all of its rows: remove it, so that it is ingested again.
        if (ledger.LastFileId > 0 && (stored.VotesOfLast != ledger.LastFileInserted || stored.RejectedOfLast != ledger.LastFileRejectedKept))
        {
            RemoveFilesFrom.Execute(writer, new { first_file_id = ledger.LastFileId });
            repairs.Add($"removed {ledger.LastFileName}, which was only partly stored (ingest it again)");
            ledger = ReadLedger(writer);
        }
        if (ledger.WeeklyVotes != ledger.LedgerVotes)
        {
            OutlierWeeks.RebuildWeeklyCounts(writer);
            repairs.Add("rebuilt the weekly vote counts from the votes");
        }
        return repairs.Count == 0 ? null : "the warehouse was repaired after a crash: " + string.Join("; ", repairs);
    }

    private static Ledgered ReadLedger(DuckDBConnection writer) =>
        LedgerFacts.Query(writer, new { max_kept = LineCheck.MaxKeptRejections },
            r => new Ledgered(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5))).Single();
}
