namespace VoteFunctions.Core.Queries;

/// <summary>
/// A run of the catch-up of missed blobs, or of the nightly refresh (the same catch-up, then the
/// rebuild, whose figures are null for a catch-up): when, and what it found and did.
/// </summary>
public sealed record MaintenanceRun(
    string Kind,
    DateTime StartedAt,
    DateTime FinishedAt,
    int BlobsListed,
    int AlreadyIngested,
    int KnownUnderAnotherName,
    int Ingested,
    int Failed,
    long? Votes = null,
    int? Weeks = null,
    int? OutlierWeeks = null)
{
    public const string CatchUp = "catch-up";
    public const string NightlyRefresh = "nightly-refresh";

    /// <summary>A catch-up that started at <paramref name="startedAt"/> and ends now.</summary>
    public static MaintenanceRun OfCatchUp(DateTime startedAt, Storage.CatchUpResult catchUp) =>
        new(CatchUp, startedAt, DateTime.UtcNow, catchUp.BlobsListed, catchUp.AlreadyIngested, catchUp.KnownUnderAnotherName, catchUp.NewlyIngested, catchUp.Failed.Count);

    /// <summary>A nightly refresh that started at <paramref name="startedAt"/> and ends now.</summary>
    public static MaintenanceRun OfNightlyRefresh(DateTime startedAt, Storage.CatchUpResult catchUp, RebuildResult rebuild) =>
        OfCatchUp(startedAt, catchUp) with { Kind = NightlyRefresh, Votes = rebuild.Votes, Weeks = rebuild.Weeks, OutlierWeeks = rebuild.OutlierWeeks };
}
