using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>The version of the model a warehouse records, for the status.</summary>
internal static class SchemaVersion
{
    private static readonly SqlScript Recorded = SqlScript.Of("""
        SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'blog_analysis' AND table_name = 'schema_version'
        """);
    private static readonly SqlScript Version = SqlScript.Of("SELECT max(Version) FROM blog_analysis.schema_version");

    /// <summary>The highest version in blog_analysis.schema_version, or null when the warehouse has no such table (or it is empty).</summary>
    public static int? Read(DuckDBConnection connection) =>
        (long)Recorded.Scalar(connection)! == 0 ? null : Version.Scalar(connection) is { } version and not DBNull ? Convert.ToInt32(version) : null;
}
