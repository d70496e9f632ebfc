
namespace VoteFunctions.Tests;

public class IdempotenceTests
{
    private static string Votes(int from, int to) => TestWarehouse.Votes(from, to, new DateTime(2020, 1, 1), TimeSpan.FromDays(1));

    [Fact]
    public async Task The_same_file_twice_is_a_reported_no_op()
    {
        using var test = new TestWarehouse();
        var path = test.WriteFile("a.jsonl", Votes(1, 10));
        await test.Ingest(path);
        var before = test.Snapshot();

        var again = await test.Ingest(path);

        Assert.True(again.AlreadyIngested);
        Assert.Equal("a.jsonl", again.AlreadyIngestedAs!.FileName);
        Assert.Equal(before, test.Snapshot());
    }

    [Fact]
    public async Task An_overlapping_file_adds_only_the_new_votes()
    {
        using var test = new TestWarehouse();
        await test.IngestText("a.jsonl", Votes(1, 10));
        var second = await test.IngestText("b.jsonl", Votes(6, 15));

        Assert.Equal((10L, 5L, 5L, 0L), (second.LinesRead, second.Inserted, second.Duplicates, second.Rejected));
        Assert.Equal(15, test.VoteCount);
        Assert.Equal(15, test.Count("SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));
    }

    [Fact]
    public async Task The_same_votes_under_a_new_file_name_are_all_duplicates()
    {
        using var test = new TestWarehouse();
        await test.IngestText("a.jsonl", Votes(1, 10));
        // Different bytes (CRLF), same votes.
        var renamed = await test.IngestText("export-copy.jsonl", Votes(1, 10).Replace("\n", "\r\n"));

        Assert.False(renamed.AlreadyIngested);
        Assert.Equal((10L, 0L, 10L, 0L), (renamed.LinesRead, renamed.Inserted, renamed.Duplicates, renamed.Rejected));
        Assert.Equal(10, test.VoteCount);
        Assert.Equal(2, test.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
    }

    [Fact]
    public async Task Exact_repeats_within_a_file_are_counted_as_duplicates_and_stored_once()
    {
        using var test = new TestWarehouse();
        var vote = TestWarehouse.Vote(7, "2020-05-05T10:00:00.000");
        var result = await test.IngestText("a.jsonl", TestWarehouse.Lines(vote, vote, TestWarehouse.Vote(8, "2020-05-05T10:00:00.000"), vote));

        Assert.Equal((4L, 2L, 2L, 0L), (result.LinesRead, result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal(2, test.VoteCount);
    }

    [Fact]
    public async Task Votes_are_stored_with_typed_columns_and_their_source_file()
    {
        using var test = new TestWarehouse();
        await test.IngestText("typed.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(48888, "2022-01-09T13:14:15.123", postId: 5, voteTypeId: 8, userId: -1, bountyAmount: 50)));

        Assert.Equal([["48888", "5", "8", "2022-01-09 13:14:15.123", "-1", "50", "typed.jsonl"]],
            test.Query("SELECT Id, PostId, VoteTypeId, strftime(CreationDate, '%Y-%m-%d %H:%M:%S.%g'), UserId, BountyAmount, f.FileName FROM blog_analysis.votes JOIN blog_analysis.ingested_files f USING (FileId)"));
        Assert.Equal([["BIGINT"], ["BIGINT"], ["SMALLINT"], ["TIMESTAMP"], ["BIGINT"], ["INTEGER"], ["BIGINT"]],
            test.Query("SELECT data_type FROM information_schema.columns WHERE table_schema = 'blog_analysis' AND table_name = 'votes' ORDER BY ordinal_position"));
    }

    [Fact]
    public async Task A_file_with_a_known_name_and_size_but_new_content_is_ingested()
    {
        using var test = new TestWarehouse();
        await test.IngestText("daily.jsonl", Votes(11, 20));
        // Same name and length (two-digit Ids, same date format), different votes.
        var first = new FileInfo(Path.Combine(test.Folder, "daily.jsonl")).Length;
        var next = Votes(31, 40);
        Assert.Equal(first, System.Text.Encoding.UTF8.GetByteCount(next));

        var result = await test.IngestText("daily.jsonl", next);

        Assert.False(result.AlreadyIngested);
        Assert.Equal((10L, 10L), (result.LinesRead, result.Inserted));
        Assert.Equal(20, test.VoteCount);
    }

    [Fact]
    public async Task A_large_file_of_an_ingested_files_size_but_with_new_content_is_checked_and_ingested_in_full()
    {
        using var test = new TestWarehouse();
        // The ledger has a file of the second one's size: the second is hashed first, found to
        // be new content, and then read and ingested in full.
        var first = TestWarehouse.Votes(1_000_000, 1_349_999, new DateTime(2020, 1, 1), TimeSpan.FromMinutes(1));
        var second = TestWarehouse.Votes(2_000_000, 2_349_999, new DateTime(2020, 1, 1), TimeSpan.FromMinutes(1));
        Assert.Equal(first.Length, second.Length);
        await test.IngestText("a.jsonl", first);

        var result = await test.IngestText("b.jsonl", second);

        Assert.False(result.AlreadyIngested);
        Assert.Equal((350_000L, 350_000L, 0L), (result.LinesRead, result.Inserted, result.Rejected));
        Assert.Equal(700_000, test.VoteCount);
    }

    [Fact]
    public async Task The_ledger_keys_each_file_by_the_sha256_of_its_bytes_as_stored()
    {
        using var test = new TestWarehouse();
        var plain = test.WriteFile("a.jsonl", Votes(1, 10));
        var gzip = TestWarehouse.Fixture("dirty/sample-votes.jsonl.gz");

        await test.Ingest(plain);
        await test.Ingest(gzip);

        string Sha256Of(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal([Sha256Of(plain), Sha256Of(gzip)], test.Warehouse.ListIngestedFiles().Select(f => f.Sha256));
    }
}
