namespace VoteFunctions.Tests;

public class ConflictTests
{
    [Fact]
    public async Task A_stored_vote_keeps_its_first_version_and_a_conflicting_one_is_rejected_with_the_reason()
    {
        using var test = new TestWarehouse();
        await test.IngestText("first.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 5)));

        var second = await test.IngestText("second.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 6),
            TestWarehouse.Vote(2, "2022-01-10T10:00:00.000")));

        Assert.Equal((2L, 1L, 0L, 1L), (second.LinesRead, second.Inserted, second.Duplicates, second.Rejected));
        Assert.Equal("5", test.Query("SELECT PostId FROM blog_analysis.votes WHERE Id = 1")[0][0]);
        var rejected = Assert.Single(test.Warehouse.ListRejectedLines("second.jsonl"));
        Assert.Equal(1, rejected.LineNumber);
        Assert.Contains("already stored with different content (from file first.jsonl)", rejected.Reason);
    }

    [Fact]
    public async Task Within_a_file_the_first_line_of_an_id_wins_and_later_different_lines_are_rejected()
    {
        using var test = new TestWarehouse();
        var result = await test.Ingest(TestWarehouse.Fixture("dirty/conflicting-duplicates.jsonl"));

        Assert.Equal((6L, 3L, 1L, 2L), (result.LinesRead, result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal([["1", "2022-01-10 10:00:00"], ["2", "2022-01-10 10:00:00"], ["3", "2022-01-10 10:00:00"]],
            test.Query("SELECT Id, strftime(CreationDate, '%Y-%m-%d %H:%M:%S') FROM blog_analysis.votes ORDER BY Id"));
        Assert.Equal("9", test.Query("SELECT PostId FROM blog_analysis.votes WHERE Id = 3")[0][0]);
    }

    [Fact]
    public async Task An_absent_optional_field_differs_from_a_present_one()
    {
        using var test = new TestWarehouse();
        await test.IngestText("a.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", userId: 7)));
        var result = await test.IngestText("b.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000")));

        Assert.Equal((0L, 0L, 1L), (result.Inserted, result.Duplicates, result.Rejected));
    }
}
