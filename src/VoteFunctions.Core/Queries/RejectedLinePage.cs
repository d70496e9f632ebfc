namespace VoteFunctions.Core.Queries;

/// <summary>
/// One page of the kept rejected lines, in file then line order; <paramref name="Next"/> is where
/// the next page starts after, or null when this page ends the listing.
/// </summary>
public sealed record RejectedLinePage(IReadOnlyList<RejectedLine> Lines, RejectedLinePosition? Next);
