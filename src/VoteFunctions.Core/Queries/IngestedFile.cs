namespace VoteFunctions.Core.Queries;

/// <summary>A row of the ledger blog_analysis.ingested_files.</summary>
public sealed record IngestedFile(
    long FileId,
    string FileName,
    long SizeBytes,
    string Sha256,
    DateTime IngestedAt,
    long LinesRead,
    long Inserted,
    long Duplicates,
    long Rejected);
