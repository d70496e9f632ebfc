using System.Globalization;

namespace VoteFunctions.Core.Queries;

/// <summary>
/// A rejected line's place in the listing's order, file (by <c>FileId</c>, as in the ledger) then
/// line: a page of the listing starts after one. Written <c>FILEID:LINE</c>, such as <c>3:1207</c>.
/// New files come last in that order, so a position stays valid while files are ingested.
/// </summary>
public readonly record struct RejectedLinePosition(long FileId, long LineNumber)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FileId}:{LineNumber}");

    /// <summary>Reads <c>FILEID:LINE</c> (two non-negative whole numbers); false for anything else.</summary>
    public static bool TryParse(string? text, out RejectedLinePosition position)
    {
        position = default;
        var parts = (text ?? "").Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var fileId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lineNumber))
            return false;
        position = new RejectedLinePosition(fileId, lineNumber);
        return true;
    }
}
