
namespace VoteFunctions.Tests;

public class AtomicityAndConcurrencyTests
{
    private static string Votes(int from, int to) => TestWarehouse.Votes(from, to, new DateTime(2019, 1, 1), TimeSpan.FromHours(7));

    [Fact]
    public async Task A_failure_just_before_commit_leaves_the_warehouse_exactly_as_before()
    {
        Action? beforeCommit = null;
        using var test = new TestWarehouse(new WarehouseOptions { BeforeCommit = () => beforeCommit?.Invoke() });
        await test.IngestText("first.jsonl", Votes(1, 100));
        var before = test.Snapshot();
        beforeCommit = () => throw new IOException("disk vanished");

        var path = test.WriteFile("second.jsonl", Votes(50, 300) + "not json\n");
        var error = await Assert.ThrowsAsync<WarehouseException>(() => test.Ingest(path));
        Assert.Equal("cannot ingest second.jsonl: disk vanished", error.Message);

        Assert.Equal(before, test.Snapshot());
        beforeCommit = null;
        var retry = await test.Ingest(path);
        Assert.Equal((252L, 200L, 51L, 1L), (retry.LinesRead, retry.Inserted, retry.Duplicates, retry.Rejected));
    }

    [Fact]
    public async Task A_cancelled_ingest_leaves_nothing_behind()
    {
        using var cancel = new CancellationTokenSource();
        using var test = new TestWarehouse(new WarehouseOptions { BeforeCommit = cancel.Cancel });
        var path = test.WriteFile("a.jsonl", Votes(1, 100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Warehouse.IngestFileAsync(path, cancellationToken: cancel.Token));

        Assert.Equal(0, test.VoteCount);
        Assert.Equal(0, test.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
    }

    [Fact]
    public async Task Parallel_ingests_of_overlapping_files_give_exact_counts()
    {
        using var test = new TestWarehouse();
        // Eight files of 2,000 votes, each overlapping the next by half: 9,000 distinct votes.
        var paths = Enumerable.Range(0, 8).Select(i => test.WriteFile($"part-{i}.jsonl", Votes(1 + 1000 * i, 2000 + 1000 * i))).ToList();
        // Two callers deliver the same file at once, as a retried trigger would.
        paths.Add(paths[3]);

        var results = await Task.WhenAll(paths.Select(p => Task.Run(() => test.Ingest(p))));

        Assert.Equal(9000, test.VoteCount);
        Assert.Equal(9000, test.Count("SELECT count(DISTINCT Id) FROM blog_analysis.votes"));
        Assert.Equal(9000, results.Sum(r => r.Inserted));
        Assert.Equal(8 * 2000 - 9000, results.Sum(r => r.Duplicates));
        Assert.Single(results, r => r.AlreadyIngested);
        Assert.Equal(9000, test.Count("SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));
        Assert.Equal(8, test.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
    }

    [Fact]
    public async Task Readers_see_only_whole_files_while_ingests_run()
    {
        using var test = new TestWarehouse();
        var paths = Enumerable.Range(0, 6).Select(i => test.WriteFile($"f{i}.jsonl", Votes(1 + 500 * i, 500 + 500 * i))).ToList();
        var ingests = Task.WhenAll(paths.Select(p => Task.Run(() => test.Ingest(p))));
        var seen = new List<long>();
        do
        {
            test.Warehouse.RefreshOutlierWeeks();
            seen.Add(test.Count("SELECT coalesce(sum(VoteCount), 0) FROM blog_analysis.weekly_vote_counts"));
        }
        while (!ingests.IsCompleted);
        await ingests;

        Assert.NotEmpty(seen);
        Assert.All(seen, total => Assert.Equal(0, total % 500));
        Assert.Equal(3000, test.VoteCount);
    }

    [Fact]
    public async Task The_nightly_rebuild_recomputes_the_weekly_counts_from_the_votes()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        var expected = test.Query("SELECT * FROM blog_analysis.weekly_vote_counts ORDER BY ALL");
        using (var damage = new DuckDB.NET.Data.DuckDBConnection($"Data Source={test.DatabasePath}"))
        {
            damage.Open();
            using var command = damage.CreateCommand();
            command.CommandText = "UPDATE blog_analysis.weekly_vote_counts SET VoteCount = 99";
            command.ExecuteNonQuery();
        }

        var rebuilt = await test.Warehouse.RebuildDerivedDataAsync();

        Assert.Equal(expected, test.Query("SELECT * FROM blog_analysis.weekly_vote_counts ORDER BY ALL"));
        Assert.Equal((16L, 9, 6), (rebuilt.Votes, rebuilt.Weeks, rebuilt.OutlierWeeks));
    }

    [Fact]
    public async Task The_nightly_rebuild_and_its_checkpoint_succeed_while_requests_read_the_outliers()
    {
        using var test = new TestWarehouse();
        await test.IngestText("a.jsonl", Votes(1, 3000));
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                var outliers = test.Warehouse.RefreshOutlierWeeks();
                Assert.Equal(outliers.OrderBy(w => w.Year).ThenBy(w => w.WeekNumber), outliers);
                test.Warehouse.ListIngestedFiles();
                reads++;
            }
            return reads;
        })).ToList();

        for (var night = 0; night < 10; night++)
        {
            await test.IngestText($"night-{night}.jsonl", Votes(3001 + 100 * night, 3100 + 100 * night));
            await test.Warehouse.RebuildDerivedDataAsync();
        }
        stop.Cancel();

        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Equal(4000, test.Count("SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));
        // With the readers gone, the checkpoint leaves nothing in the write-ahead log.
        await test.Warehouse.RebuildDerivedDataAsync();
        var wal = new FileInfo(test.DatabasePath + ".wal");
        Assert.True(!wal.Exists || wal.Length == 0, $"the write-ahead log holds {(wal.Exists ? wal.Length : 0)} bytes after the checkpoint");
    }
}
