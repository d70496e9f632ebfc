namespace VoteFunctions.Core.Queries;

/// <summary>What the nightly rebuild found and did.</summary>
public sealed record RebuildResult(long Votes, int Weeks, int OutlierWeeks, TimeSpan Elapsed);
