namespace VoteFunctions.Core.Ingest;

/// <summary>The stages of a file's ingest, in order, for progress display.</summary>
public enum IngestStage
{
    /// <summary>Its lines are checked and loaded into DuckDB; progress in bytes of the file.</summary>
    Reading,

    /// <summary>Duplicates and conflicts are found; progress in percent of DuckDB's statement, when it says.</summary>
    Classifying,

    /// <summary>Its votes, counts, rejected lines and ledger row are written in one transaction.</summary>
    Committing,
}
