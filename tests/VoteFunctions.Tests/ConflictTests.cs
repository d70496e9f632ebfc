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
    public async Task Every_line_of_a_stored_id_is_judged_against_the_stored_vote_not_against_an_earlier_line_of_the_file()
    {
        using var test = new TestWarehouse();
        await test.IngestText("stored.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 10)));

        // Line 1 conflicts with the stored vote and is not kept, so line 2, equal to the stored vote, is a duplicate.
        var result = await test.IngestText("file.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 99),
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 10),
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 99)));

        Assert.Equal((3L, 0L, 1L, 2L), (result.LinesRead, result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal(
            [(1L, "Id 1 is already stored with different content (from file stored.jsonl); the stored vote is kept"),
             (3L, "Id 1 is already stored with different content (from file stored.jsonl); the stored vote is kept")],
            test.Warehouse.ListRejectedLines("file.jsonl").Select(r => (r.LineNumber, r.Reason)));
    }

    [Fact]
    public async Task A_line_whose_id_came_in_an_earlier_file_of_the_batch_is_judged_against_that_files_vote()
    {
        using var test = new TestWarehouse();
        var first = InputFile.Inspect(test.WriteFile("first.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 10))));
        var second = InputFile.Inspect(test.WriteFile("second.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 99),
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 10))));

        var results = await Task.WhenAll(test.Warehouse.IngestFiles([first, second]));

        Assert.Equal((2L, 0L, 1L, 1L), (results[1].LinesRead, results[1].Inserted, results[1].Duplicates, results[1].Rejected));
        Assert.Equal("Id 1 is already stored with different content (from file first.jsonl); the stored vote is kept",
            Assert.Single(test.Warehouse.ListRejectedLines("second.jsonl")).Reason);
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
