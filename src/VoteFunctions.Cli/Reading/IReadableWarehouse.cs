using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli.Reading;

/// <summary>
/// What the reading commands (outliers, weeks, chart, rejects, files) ask for: of the warehouse
/// file, or of a running Functions app that holds it (--app). Both give the same records, which
/// the commands print with the same formats, so the output is the same either way.
/// </summary>
internal interface IReadableWarehouse : IDisposable
{
    IReadOnlyList<OutlierWeek> RefreshOutlierWeeks();

    IReadOnlyList<WeekDeviation> ReadWeeklyDeviation();

    IReadOnlyList<IngestedFile> ListIngestedFiles();

    /// <summary>The kept rejected lines of the files ingested under <paramref name="fileName"/>, or of all, as they are read.</summary>
    IEnumerable<RejectedLine> ListRejectedLines(string? fileName);
}
