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
    private static readonly SqlScript NamedCount = SqlScript.Of("SELECT count(*) FROM blog_analysis.ingested_files WHERE FileName = $file_name");
    private static readonly SqlScript Last = SqlScript.Of($"SELECT {Columns} FROM blog_analysis.ingested_files ORDER BY FileId DESC LIMIT 1");
    // A page starts after a position (file, then line), not at an offset, so that reading a page
    // far down the listing does not count every line before it.
    private static readonly SqlScript Rejections = SqlScript.Of("""
        SELECT f.FileName, r.LineNumber, r.RawText, r.Reason, r.FileId
        FROM blog_analysis.rejected_lines AS r JOIN blog_analysis.ingested_files AS f USING (FileId)
        WHERE ($file_name IS NULL OR f.FileName = $file_name)
          AND ($after_file_id IS NULL OR r.FileId > $after_file_id OR (r.FileId = $after_file_id AND r.LineNumber > $after_line_number))
        ORDER BY r.FileId, r.LineNumber
        LIMIT $limit
        """);
    private static readonly SqlScript LatestRejections = SqlScript.Of("""
        SELECT FileName, LineNumber, RawText, Reason
        FROM (SELECT f.FileName, r.LineNumber, r.RawText, r.Reason, r.FileId
              FROM blog_analysis.rejected_lines AS r JOIN blog_analysis.ingested_files AS f USING (FileId)
              ORDER BY r.FileId DESC, r.LineNumber DESC
              LIMIT $count)
        ORDER BY FileId, LineNumber
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

    /// <summary>Whether a file was ingested under this name.</summary>
    public static bool HasFileNamed(DuckDBConnection connection, string fileName) => (long)NamedCount.Scalar(connection, new { file_name = fileName })! > 0;

    /// <summary>The last file ingested, if any.</summary>
    public static IngestedFile? LastIngested(DuckDBConnection connection) => Last.Query(connection, null, Read).SingleOrDefault();

    /// <summary>The kept rejected lines, of the files of one name or of all, in file then line order, as they are read.</summary>
    public static IEnumerable<RejectedLine> RejectedLines(DuckDBConnection connection, string? fileName) =>
        RejectedLinesAfter(connection, fileName, after: null, limit: null).Select(line => line.Line);

    /// <summary>
    /// The kept rejected lines after a position (or from the first), of the files of one name or
    /// of all, in file then line order, at most <paramref name="limit"/> of them (or all), each with its position.
    /// </summary>
    public static IEnumerable<(RejectedLine Line, RejectedLinePosition Position)> RejectedLinesAfter(
        DuckDBConnection connection, string? fileName, RejectedLinePosition? after, long? limit) =>
        Rejections.Query(connection, new { file_name = fileName, after_file_id = after?.FileId, after_line_number = after?.LineNumber, limit },
            r => (ReadRejectedLine(r), new RejectedLinePosition(r.GetInt64(4), r.GetInt64(1))));

    /// <summary>The last <paramref name="count"/> rejected lines kept (of the latest files), in file then line order.</summary>
    public static List<RejectedLine> LatestRejectedLines(DuckDBConnection connection, int count) =>
        LatestRejections.Query(connection, new { count }, ReadRejectedLine).ToList();

    private static RejectedLine ReadRejectedLine(DuckDBDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3));

    /// <summary>A ledger row, as its columns are listed in <see cref="Columns"/>.</summary>
    public static IngestedFile Read(DuckDBDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetDateTime(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8));
}
