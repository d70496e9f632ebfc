
namespace VoteFunctions.Tests;

public class OutlierRuleTests
{
    /// <summary>Ingests the given number of votes in each week of 2022 (week 1 starts Monday 2022-01-03).</summary>
    private static async Task<IReadOnlyList<OutlierWeek>> OutliersOf(Dictionary<int, int> votesPerWeek)
    {
        using var test = new TestWarehouse();
        await test.IngestText("weeks.jsonl", TestWarehouse.VotesPerWeekOf2022(votesPerWeek));
        return test.Warehouse.RefreshOutlierWeeks();
    }

    [Fact]
    public async Task Counts_exactly_20_percent_from_the_mean_are_not_outliers_in_floating_point()
    {
        // Mean 10: |1 - 8/10| and |1 - 12/10| are 0.19999999999999996 in doubles, not above 0.2.
        var outliers = await OutliersOf(new() { [1] = 8, [2] = 12, [3] = 10, [4] = 10 });
        Assert.Empty(outliers);
    }

    [Fact]
    public async Task Counts_just_beyond_20_percent_are_outliers()
    {
        // Mean 10 again: 7 and 13 are 30% away.
        var outliers = await OutliersOf(new() { [1] = 7, [2] = 13, [3] = 10, [4] = 10 });
        Assert.Equal([new OutlierWeek(2022, 1, 7), new OutlierWeek(2022, 2, 13)], outliers);
    }

    [Fact]
    public async Task The_ratio_is_not_integer_division()
    {
        // Mean 3: integer division would make 4/3 = 1 and hide both weeks of 4 (33% above the mean).
        var outliers = await OutliersOf(new() { [1] = 1, [2] = 4, [3] = 4 });
        Assert.Equal([new OutlierWeek(2022, 1, 1), new OutlierWeek(2022, 2, 4), new OutlierWeek(2022, 3, 4)], outliers);
    }

    [Fact]
    public async Task The_mean_is_over_weeks_with_votes_only_not_the_empty_weeks_between_them()
    {
        // Present weeks 1, 2, 3 and 10 with 10, 10, 10, 14 votes: mean 11, so only 14 (27% above) is an outlier.
        // Counting the six empty weeks in between as zeros would give a mean of 4.4 and make every week an outlier.
        var outliers = await OutliersOf(new() { [1] = 10, [2] = 10, [3] = 10, [10] = 14 });
        Assert.Equal([new OutlierWeek(2022, 10, 14)], outliers);
    }

    [Fact]
    public async Task Weeks_are_sorted_by_year_then_week()
    {
        using var test = new TestWarehouse();
        await test.IngestText("years.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2021-06-01T00:00:00"),
            TestWarehouse.Vote(2, "2020-03-01T00:00:00"), TestWarehouse.Vote(3, "2020-03-01T01:00:00"),
            TestWarehouse.Vote(4, "2020-03-01T02:00:00"), TestWarehouse.Vote(5, "2020-03-01T03:00:00"),
            TestWarehouse.Vote(6, "2020-01-20T00:00:00")));
        var outliers = test.Warehouse.RefreshOutlierWeeks();
        Assert.Equal(outliers.OrderBy(w => w.Year).ThenBy(w => w.WeekNumber), outliers);
        Assert.Equal(3, outliers.Count);
    }

    [Fact]
    public void An_empty_warehouse_has_no_outlier_weeks()
    {
        using var test = new TestWarehouse();
        Assert.Empty(test.Warehouse.RefreshOutlierWeeks());
    }
}
