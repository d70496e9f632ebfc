using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>The view blog_analysis.outlier_weeks, and the nightly rebuild of the aggregate under it.</summary>
internal static class OutlierWeeks
{
    private static readonly SqlScript Rows = SqlScript.Of("""SELECT "Year", "WeekNumber", "VoteCount" FROM blog_analysis.outlier_weeks""");
    private static readonly SqlScript Rebuild = SqlScript.Load("rebuild_weekly_vote_counts.sql");
    private static readonly SqlScript Sizes = SqlScript.Of("SELECT (SELECT count(*) FROM blog_analysis.votes), (SELECT count(*) FROM blog_analysis.weekly_vote_counts)");

    /// <summary>Recreates the view (as the model defines it) and returns the outlier weeks: nothing else is computed after it.</summary>
    public static List<OutlierWeek> Refresh(DuckDBConnection connection)
    {
        WarehouseModel.OutlierWeeksView.Execute(connection);
        return Rows.Query(connection, null, r => new OutlierWeek(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2))).ToList();
    }

    /// <summary>Recomputes weekly_vote_counts from the votes (within the caller's transaction).</summary>
    public static void RebuildWeeklyCounts(DuckDBConnection writer) => Rebuild.Execute(writer);

    /// <summary>How many votes, and how many weeks with votes, the warehouse holds.</summary>
    public static (long Votes, int Weeks) Totals(DuckDBConnection connection) =>
        Sizes.Query(connection, null, r => (r.GetInt64(0), (int)r.GetInt64(1))).Single();
}
