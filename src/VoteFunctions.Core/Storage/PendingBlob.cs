namespace VoteFunctions.Core.Storage;

/// <summary>A blob the ledger does not know yet (by name and size).</summary>
public sealed record PendingBlob(string Name, long SizeBytes);
