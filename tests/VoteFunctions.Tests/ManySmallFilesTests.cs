namespace VoteFunctions.Tests;

/// <summary>
/// Many small files queued at once are committed in batches bounded by files and bytes; a batch
/// that hits DuckDB's memory limit is split and retried, so a file that would pass alone never
/// fails for its batch-mates.
/// </summary>
public sealed class ManySmallFilesTests
{
    private static List<InputFile> TinyFiles(TestWarehouse test, int files, int votesEach) => Enumerable.Range(0, files).Select(f =>
        InputFile.Inspect(test.WriteFile($"votes-{f:D5}.jsonl", TestWarehouse.Lines(Enumerable.Range(f * votesEach + 1, votesEach)
            .Select(id => TestWarehouse.Vote(id, $"2022-01-{1 + id % 28:D2}T10:00:00.000", postId: 1 + id % 50)).ToArray())))).ToList();

    [Fact]
    public async Task Twenty_thousand_tiny_files_in_one_ingest_are_all_stored_in_batches()
    {
        using var test = new TestWarehouse();
        var files = TinyFiles(test, 20_000, votesEach: 1);

        var results = await Task.WhenAll(test.Warehouse.IngestFiles(files));

        Assert.All(results, result => Assert.Equal(1, result.Inserted));
        Assert.Equal(20_000, test.VoteCount);
        Assert.Equal(20_000, test.Count("SELECT count(*) FROM blog_analysis.ingested_files"));
        Assert.InRange(test.Count("SELECT count(DISTINCT IngestedAt) FROM blog_analysis.ingested_files"), 20, 200); // 1,000 files a batch at most
    }

    [Fact]
    public async Task A_batch_that_runs_out_of_memory_is_split_and_every_file_that_passes_alone_is_stored()
    {
        // 12 MB: one file's ingest fits, the staging of a thousand does not.
        using var test = new TestWarehouse(new WarehouseOptions { MemoryLimit = "12MB" });
        var files = TinyFiles(test, 1_000, votesEach: 20);

        var results = await Task.WhenAll(test.Warehouse.IngestFiles(files));

        Assert.All(results, result => Assert.Equal(20, result.Inserted));
        Assert.Equal(20_000, test.VoteCount);
        Assert.True(test.Count("SELECT count(DISTINCT IngestedAt) FROM blog_analysis.ingested_files") > 1, "the batch of 1,000 files was split");
    }
}
