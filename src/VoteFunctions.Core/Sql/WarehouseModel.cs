using DuckDB.NET.Data;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Sql;

/// <summary>
/// The warehouse model: schema, tables, macros and views, one relation per file under Sql/model/,
/// applied on every open in the order they depend on each other (each statement is idempotent), and
/// the model's version, recorded in blog_analysis.schema_version. An older warehouse is brought to
/// this version on open; one written by a newer VoteFunctions is refused rather than misread.
/// </summary>
/// <remarks>
/// Versions: 1, every warehouse written before versions were recorded (no schema_version table);
/// 2 adds schema_version, maintenance_runs and the views weekly_deviation and outlier_weeks, which
/// only the read paths created before. A change that idempotent definitions cannot express (a
/// column renamed, data moved) would come with an upgrade step here, run when the recorded version
/// is older.
/// </remarks>
internal static class WarehouseModel
{
    public const int Version = 2;

    private static readonly SqlScript[] Relations = new[]
    {
        "schema", "schema_version",
        "ingested_files", "redelivered_files", "votes", "rejected_lines",
        "week_number", "weekly_vote_counts", "votes_per_week",
        "maintenance_runs",
        "weekly_deviation", "outlier_weeks",
    }.Select(name => SqlScript.Load($"model/{name}.sql")).ToArray();

    private static readonly SqlScript HasVotes = SqlScript.Of("""
        SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'blog_analysis' AND table_name = 'votes'
        """);
    private static readonly SqlScript Record = SqlScript.Of("""
        INSERT INTO blog_analysis.schema_version (Version, UpgradedAt) VALUES ($version, $upgraded_at) ON CONFLICT DO NOTHING
        """);

    /// <summary>Brings the warehouse to this model, in one transaction.</summary>
    public static void Apply(DuckDBConnection writer) => WriteTransaction.Run(writer, () =>
    {
        var recorded = SchemaVersion.Read(writer) ?? ((long)HasVotes.Scalar(writer)! > 0 ? 1 : null);
        if (recorded > Version)
            throw new WarehouseException($"the warehouse was written by a newer VoteFunctions (model version {recorded}; this one knows up to {Version}): upgrade the tool or the app");
        foreach (var relation in Relations) relation.Execute(writer);
        Record.Execute(writer, new { version = Version, upgraded_at = DateTime.UtcNow });
    });

    /// <summary>The view the outliers step recreates (the contract asks it of every request): its definition, as the model has it.</summary>
    public static SqlScript OutlierWeeksView { get; } = SqlScript.Load("model/outlier_weeks.sql");
}
