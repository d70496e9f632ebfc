namespace VoteFunctions.Core.Ingest;

/// <summary>
/// What a batch (<see cref="IngestPipeline"/>) did: an outcome for each of its files, in batch
/// order, or none for a file it left undone; and what stopped it before its commit, if anything
/// (a cancellation, DuckDB running out of memory, another failure of the steps the files share).
/// A batch that stops commits nothing; one that ends without <see cref="Stopped"/> and leaves files
/// undone committed none of them either (a file failed after all were judged together).
/// </summary>
internal sealed record BatchOutcome(FileOutcome?[] Files, Exception? Stopped);
