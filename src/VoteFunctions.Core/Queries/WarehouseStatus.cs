namespace VoteFunctions.Core.Queries;

/// <summary>
/// What the warehouse holds and what was last done to it: the counts, the ledger's totals (every
/// line read is inserted, a duplicate or rejected), the last file ingested, the last runs of the
/// catch-up and of the nightly refresh, and the file itself.
/// </summary>
/// <param name="RejectedLinesKept">Rejected lines kept with their raw text (the first 10,000 of each file); <paramref name="Rejected"/> counts them all.</param>
/// <param name="WriteAheadLogBytes">DuckDB's write-ahead log beside the file (folded into it by a checkpoint, as the nightly refresh does).</param>
/// <param name="SchemaVersion">The model's version recorded in the warehouse, or null when it records none.</param>
public sealed record WarehouseStatus(
    long Votes,
    int Weeks,
    long Files,
    long LinesRead,
    long Inserted,
    long Duplicates,
    long Rejected,
    long RejectedLinesKept,
    IngestedFile? LastIngest,
    MaintenanceRun? LastCatchUp,
    MaintenanceRun? LastNightlyRefresh,
    string DatabasePath,
    long DatabaseBytes,
    long WriteAheadLogBytes,
    int? SchemaVersion);
