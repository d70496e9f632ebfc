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

    private static readonly SqlScript SizesAndNextFileId = SqlScript.Of("""
        SELECT coalesce(list(DISTINCT SizeBytes) FILTER (WHERE list_contains($sizes::BIGINT[], SizeBytes)), []),
               coalesce(max(FileId), 0) + 1
        FROM blog_analysis.ingested_files
        """);
    private static readonly SqlScript BySha256 = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.ingested_files WHERE Sha256 = $sha256");
    private static readonly SqlScript All = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.ingested_files ORDER BY FileId");
    private static readonly SqlScript Redelivery = SqlScript.Of("""
        INSERT INTO blog_analysis.redelivered_files (FileName, SizeBytes, Sha256, FirstSeenAt)
        VALUES ($file_name, $size_bytes, $sha256, $seen_at)
        ON CONFLICT DO NOTHING
        """);
    private static readonly SqlScript Deliveries = SqlScript.Of("""
        SELECT FileName, SizeBytes FROM blog_analysis.ingested_files
        UNION
        SELECT FileName, SizeBytes FROM blog_analysis.redelivered_files
        """);
    private static readonly SqlScript Rejections = SqlScript.Of("""
        SELECT f.FileName, r.LineNumber, r.RawText, r.Reason
        FROM blog_analysis.rejected_lines AS r JOIN blog_analysis.ingested_files AS f USING (FileId)
        WHERE $file_name IS NULL OR f.FileName = $file_name
        ORDER BY r.FileId, r.LineNumber
        """);

    /// <summary>
    /// What an ingest asks first: which of these sizes the ledger has (the same content has the
    /// same size, so only a file of one of them can be a re-delivery), and the id its first file
    /// will get (the writer holds the write lock, so no other ingest can take it).
    /// </summary>
    public static (IReadOnlySet<long> KnownSizes, long NextFileId) BeforeIngest(DuckDBConnection connection, IEnumerable<long> sizes) =>
        SizesAndNextFileId.Query(connection, new { sizes = sizes.Distinct().ToList() },
            r => ((IReadOnlySet<long>)r.GetFieldValue<List<long>>(0).ToHashSet(), r.GetInt64(1))).Single();

    public static IngestedFile? FindBySha256(DuckDBConnection connection, string sha256) =>
        BySha256.Query(connection, new { sha256 }, Read).SingleOrDefault();

    public static List<IngestedFile> List(DuckDBConnection connection) => All.Query(connection, null, Read).ToList();

    /// <summary>Notes that the content of <paramref name="sha256"/>, already ingested, came again under another name.</summary>
    public static void RecordRedelivery(DuckDBConnection connection, string fileName, long size, string sha256) =>
        Redelivery.Execute(connection, new { file_name = fileName, size_bytes = size, sha256, seen_at = DateTime.UtcNow });

    /// <summary>Every name and size under which a content was delivered: ingested, or found to be one already ingested.</summary>
    public static HashSet<(string FileName, long SizeBytes)> DeliveredNames(DuckDBConnection connection) =>
        Deliveries.Query(connection, null, r => (r.GetString(0), r.GetInt64(1))).ToHashSet();

    /// <summary>The kept rejected lines, of the files of one name or of all, in file then line order, as they are read.</summary>
    public static IEnumerable<RejectedLine> RejectedLines(DuckDBConnection connection, string? fileName) =>
        Rejections.Query(connection, new { file_name = fileName }, r =>
            new RejectedLine(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));

    /// <summary>A ledger row, as its columns are listed in <see cref="Columns"/>.</summary>
    public static IngestedFile Read(DuckDBDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetDateTime(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
}
