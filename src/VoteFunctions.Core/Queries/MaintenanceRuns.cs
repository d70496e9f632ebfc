using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>blog_analysis.maintenance_runs: the last run of the catch-up and of the nightly refresh.</summary>
internal static class MaintenanceRuns
{
    private const string Columns = "Kind, StartedAt, FinishedAt, BlobsListed, AlreadyIngested, KnownUnderAnotherName, Ingested, Failed, Votes, Weeks, OutlierWeeks";

    private static readonly SqlScript Replace = SqlScript.Of($"""
        INSERT OR REPLACE INTO blog_analysis.maintenance_runs ({Columns})
        VALUES ($kind, $started_at, $finished_at, $blobs_listed, $already_ingested, $known_under_another_name, $ingested, $failed, $votes, $weeks, $outlier_weeks)
        """);
    private static readonly SqlScript ByKind = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.maintenance_runs WHERE Kind = $kind");

    /// <summary>Records a run in place of the last one of its kind.</summary>
    public static void Record(DuckDBConnection writer, MaintenanceRun run) => Replace.Execute(writer, new
    {
        kind = run.Kind,
        started_at = run.StartedAt,
        finished_at = run.FinishedAt,
        blobs_listed = run.BlobsListed,
        already_ingested = run.AlreadyIngested,
        known_under_another_name = run.KnownUnderAnotherName,
        ingested = run.Ingested,
        failed = run.Failed,
        votes = run.Votes,
        weeks = run.Weeks,
        outlier_weeks = run.OutlierWeeks,
    });

    /// <summary>The last run of a kind, if there was one.</summary>
    public static MaintenanceRun? Last(DuckDBConnection connection, string kind) =>
        ByKind.Query(connection, new { kind }, r => new MaintenanceRun(
            r.GetString(0), r.GetDateTime(1), r.GetDateTime(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetInt64(8), r.IsDBNull(9) ? null : r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10))).SingleOrDefault();
}
