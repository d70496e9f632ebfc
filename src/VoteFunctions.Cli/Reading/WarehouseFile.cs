using VoteFunctions.Core;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli.Reading;

/// <summary>The warehouse file, opened by this process.</summary>
internal sealed class WarehouseFile(Warehouse warehouse) : IReadableWarehouse
{
    public IReadOnlyList<OutlierWeek> RefreshOutlierWeeks() => warehouse.RefreshOutlierWeeks();

    public IReadOnlyList<WeekDeviation> ReadWeeklyDeviation() => warehouse.ReadWeeklyDeviation();

    public IReadOnlyList<IngestedFile> ListIngestedFiles() => warehouse.ListIngestedFiles();

    public IEnumerable<RejectedLine> ListRejectedLines(string? fileName) => warehouse.ListRejectedLines(fileName);

    public void Dispose() => warehouse.Dispose();
}
