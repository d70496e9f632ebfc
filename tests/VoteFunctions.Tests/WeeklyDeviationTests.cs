
namespace VoteFunctions.Tests;

/// <summary>The view blog_analysis.weekly_deviation: every week with the figures that make it an outlier or not.</summary>
public class WeeklyDeviationTests
{
    private static readonly string BundledDataset = Path.Combine(AzuriteFixture.RepositoryRoot(), "data", "votes-2017-2021.jsonl.gz");

    private static async Task<IReadOnlyList<WeekDeviation>> WeeksOf(Dictionary<int, int> votesPerWeek)
    {
        using var test = new TestWarehouse();
        await test.IngestText("weeks.jsonl", TestWarehouse.VotesPerWeekOf2022(votesPerWeek));
        return test.Warehouse.ReadWeeklyDeviation();
    }

    [Fact]
    public async Task Mean_and_deviation_are_exact_for_a_hand_computed_case()
    {
        // 3 + 4 + 5 + 4 + 4 = 20 votes in 5 weeks with votes (weeks 5 to 9 have none): mean 4.
        // |1 - 3/4| = |1 - 5/4| = 0.25 (exact in binary), above 0.2; the weeks of 4 are 0 away.
        var weeks = await WeeksOf(new() { [1] = 3, [2] = 4, [3] = 5, [4] = 4, [10] = 4 });

        Assert.Equal(
            [
                new WeekDeviation(2022, 1, 3, 4.0, 0.25, true),
                new WeekDeviation(2022, 2, 4, 4.0, 0.0, false),
                new WeekDeviation(2022, 3, 5, 4.0, 0.25, true),
                new WeekDeviation(2022, 4, 4, 4.0, 0.0, false),
                new WeekDeviation(2022, 10, 4, 4.0, 0.0, false),
            ],
            weeks);
    }

    [Fact]
    public async Task Deviation_is_rounded_once_so_a_week_exactly_20_percent_away_reads_0_2_and_is_not_an_outlier()
    {
        // Mean 10: |12·4 - 40| / 40 is 0.2 as a double (|1 - 12/10| in doubles would be 0.19999999999999996).
        var weeks = await WeeksOf(new() { [1] = 8, [2] = 12, [3] = 10, [4] = 10 });

        Assert.Equal([0.2, 0.2, 0, 0], weeks.Select(w => w.Deviation));
        Assert.All(weeks, w => Assert.Equal((10.0, false), (w.MeanVotes, w.IsOutlier)));
    }

    [Fact]
    public async Task On_the_bundled_dataset_outlier_weeks_is_exactly_the_outlier_rows_of_weekly_deviation()
    {
        using var test = new TestWarehouse();
        await test.Ingest(BundledDataset);

        var weeks = test.Warehouse.ReadWeeklyDeviation();
        var outliers = test.Warehouse.RefreshOutlierWeeks();

        Assert.Equal(test.Count("SELECT count(*) FROM blog_analysis.weekly_vote_counts"), weeks.Count);
        Assert.Equal(weeks.OrderBy(w => w.Year).ThenBy(w => w.WeekNumber), weeks);
        Assert.Equal(weeks.Where(w => w.IsOutlier).Select(w => new OutlierWeek(w.Year, w.WeekNumber, w.VoteCount)), outliers);
        Assert.Equal(weeks.Select(w => w.Deviation > 0.2), weeks.Select(w => w.IsOutlier));
        Assert.InRange(outliers.Count, 1, weeks.Count - 1);
    }

    [Fact]
    public async Task The_views_have_the_contract_columns_and_the_rule_is_written_once()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        test.Warehouse.ReadWeeklyDeviation();

        string Columns(string view) => string.Join(",", test.Query(
            $"SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'blog_analysis' AND table_name = '{view}' ORDER BY ordinal_position").Select(r => r[0]));
        Assert.Equal("Year INTEGER,WeekNumber INTEGER,VoteCount BIGINT,MeanVotes DOUBLE,Deviation DOUBLE,IsOutlier BOOLEAN", Columns("weekly_deviation"));
        Assert.Equal("Year INTEGER,WeekNumber INTEGER,VoteCount BIGINT", Columns("outlier_weeks"));
        // outlier_weeks filters weekly_deviation rather than repeating the 20% rule.
        var outlierWeeksSql = test.Query("SELECT sql FROM duckdb_views() WHERE schema_name = 'blog_analysis' AND view_name = 'outlier_weeks'")[0][0];
        Assert.Contains("weekly_deviation", outlierWeeksSql);
        Assert.DoesNotContain("0.2", outlierWeeksSql);
    }

    [Fact]
    public void An_empty_warehouse_has_no_weeks()
    {
        using var test = new TestWarehouse();
        Assert.Empty(test.Warehouse.ReadWeeklyDeviation());
    }
}
