using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>
/// The view blog_analysis.weekly_deviation: every week with votes and how far it is from the mean,
/// the rows that blog_analysis.outlier_weeks filters.
/// </summary>
internal static class WeeklyDeviation
{
    private static readonly SqlScript Rows = SqlScript.Of(
        """SELECT "Year", "WeekNumber", "VoteCount", "MeanVotes", "Deviation", "IsOutlier" FROM blog_analysis.weekly_deviation""");

    /// <summary>Every week, by Year then WeekNumber.</summary>
    public static List<WeekDeviation> Read(DuckDBConnection connection) =>
        Rows.Query(connection, null, r => new WeekDeviation(
            r.GetInt32(0), r.GetInt32(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetBoolean(5))).ToList();
}
