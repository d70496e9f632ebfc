using DuckDB.NET.Data;
using VoteFunctions.Core.Sql;

namespace VoteFunctions.Core.Queries;

/// <summary>
/// The ledger, blog_analysis.ingested_files: which contents were ingested (by SHA-256) and how
/// every line of each was accounted for; and the rejected lines kept for each file.
/// </summary>
internal static class Ledger
{
    private const string Columns = "FileId, FileName, SizeBytes, Sha256, IngestedAt, LinesRead, Inserted, Duplicates, Rejected";

    private static readonly SqlScript HasSize = SqlScript.Of("SELECT count(*) > 0 FROM blog_analysis.ingested_files WHERE SizeBytes = $size_bytes");
    private static readonly SqlScript BySha256 = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.ingested_files WHERE Sha256 = $sha256");
    private static readonly SqlScript All = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.ingested_files ORDER BY FileId");
    private static readonly SqlScript NextId = SqlScript.Of("SELECT coalesce(max(FileId), 0) + 1 FROM blog_analysis.ingested_files");
    private static readonly SqlScript Rejections = SqlScript.Of("""
        SELECT f.FileName, r.LineNumber, r.RawText, r.Reason
        FROM blog_analysis.rejected_lines AS r JOIN blog_analysis.ingested_files AS f USING (FileId)
        WHERE $file_name IS NULL OR f.FileName = $file_name
        ORDER BY r.FileId, r.LineNumber
        """);

    /// <summary>Whether a file of this size was ingested: the same content has the same size, so only then can a file be a re-delivery.</summary>
    public static bool HasFileOfSize(DuckDBConnection connection, long size) =>
        (bool)HasSize.Scalar(connection, new { size_bytes = size })!;

    public static IngestedFile? FindBySha256(DuckDBConnection connection, string sha256) =>
        BySha256.Query(connection, new { sha256 }, Read).SingleOrDefault();

    public static List<IngestedFile> List(DuckDBConnection connection) => All.Query(connection, null, Read).ToList();

    /// <summary>The next file's id: the writer holds the write lock, so no other can take it.</summary>
    public static long NextFileId(DuckDBConnection connection) => (long)NextId.Scalar(connection)!;

    /// <summary>The kept rejected lines, of the files of one name or of all, in file then line order, as they are read.</summary>
    public static IEnumerable<RejectedLine> RejectedLines(DuckDBConnection connection, string? fileName) =>
        Rejections.Query(connection, new { file_name = fileName }, r =>
            new RejectedLine(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));

    private static IngestedFile Read(DuckDBDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetDateTime(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
}
