namespace VoteFunctions.Core.Ingest;

/// <summary>Where a file's ingest is, for progress display: Done of Total (0 when unknown), in the stage's unit.</summary>
public sealed record IngestProgress(string FileName, IngestStage Stage, long Done, long Total);
