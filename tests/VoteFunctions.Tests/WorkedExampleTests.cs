
namespace VoteFunctions.Tests;

public class WorkedExampleTests
{
    private static readonly string ExpectedCsv = File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv"));

    [Fact]
    public async Task The_sample_file_gives_exactly_the_six_expected_outlier_weeks()
    {
        using var test = new TestWarehouse();
        var result = await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));

        Assert.Equal((16, 16, 0, 0), (result.LinesRead, result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal(ExpectedCsv.ReplaceLineEndings("\n"), OutlierWeekFormats.ToCsv(test.Warehouse.RefreshOutlierWeeks()));
    }

    [Fact]
    public async Task Ingesting_the_sample_twice_changes_nothing_and_still_gives_the_six_weeks()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        var before = test.Snapshot();

        var again = await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));

        Assert.True(again.AlreadyIngested);
        Assert.Equal(before, test.Snapshot());
        Assert.Equal(ExpectedCsv.ReplaceLineEndings("\n"), OutlierWeekFormats.ToCsv(test.Warehouse.RefreshOutlierWeeks()));
    }

    [Fact]
    public async Task The_view_exists_in_the_warehouse_with_the_contract_columns_sorted()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        test.Warehouse.RefreshOutlierWeeks();

        var columns = test.Query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'blog_analysis' AND table_name = 'outlier_weeks' ORDER BY ordinal_position");
        Assert.Equal(["Year", "WeekNumber", "VoteCount"], columns.Select(c => c[0]));
        var rows = test.Query("SELECT * FROM blog_analysis.outlier_weeks").Select(r => string.Join(",", r));
        Assert.Equal(ExpectedCsv.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), rows);
    }
}
