using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>The warehouse's status: its counts, the ledger's totals, the last ingest and maintenance runs, the file's size.</summary>
internal static class WarehouseStatusQuery
{
    private static readonly SqlScript Counts = SqlScript.Of("""
        SELECT (SELECT count(*) FROM blog_analysis.votes),
               (SELECT count(*) FROM blog_analysis.weekly_vote_counts),
               count(*),
               coalesce(sum(LinesRead), 0)::BIGINT, coalesce(sum(Inserted), 0)::BIGINT,
               coalesce(sum(Duplicates), 0)::BIGINT, coalesce(sum(Rejected), 0)::BIGINT,
               (SELECT count(*) FROM blog_analysis.rejected_lines)
        FROM blog_analysis.ingested_files
        """);

    /// <summary>Read in one transaction, so that the counts and the ledger agree even while files are being ingested.</summary>
    public static WarehouseStatus Read(DuckDBConnection connection, string databasePath)
    {
        using var snapshot = connection.BeginTransaction();
        var counts = Counts.Query(connection, null, r => Enumerable.Range(0, 8).Select(r.GetInt64).ToArray()).Single();
        var status = new WarehouseStatus(
            counts[0], (int)counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7],
            Ledger.LastIngested(connection),
            MaintenanceRuns.Last(connection, MaintenanceRun.CatchUp),
            MaintenanceRuns.Last(connection, MaintenanceRun.NightlyRefresh),
            databasePath, SizeOf(databasePath), SizeOf(databasePath + ".wal"),
            SchemaVersion.Read(connection));
        snapshot.Commit();
        return status;
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
