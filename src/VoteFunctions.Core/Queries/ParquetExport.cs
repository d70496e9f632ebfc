using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>The votes as Parquet files, partitioned by Year and WeekNumber (Hive-style folders).</summary>
internal static class ParquetExport
{
    private static readonly SqlScript Export = SqlScript.Load("export_votes_parquet.sql");
    private static readonly SqlScript Count = SqlScript.Of("SELECT count(*) FROM blog_analysis.votes");

    /// <summary>Exports into a new or empty folder; returns the number of votes exported.</summary>
    public static long Run(DuckDBConnection connection, string folder)
    {
        var fullPath = Path.GetFullPath(folder);
        if (Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath).Any())
            throw new WarehouseException($"cannot export to {fullPath}: the folder is not empty");
        Export.Execute(connection, new { folder = fullPath });
        return (long)Count.Scalar(connection)!;
    }
}
