namespace VoteFunctions.Tests;

/// <summary>
/// Files queued together are ingested in batches (a group commit). Each must end exactly as it
/// would ingested alone, after the files before it: same verdicts, counts, rejected lines, ledger.
/// </summary>
public sealed class BatchIngestTests
{
    /// <summary>
    /// A file of votes whose Ids come from a small range, so that Ids repeat within a file, across
    /// files and with the stored votes; an Id's vote is usually the same (a duplicate), sometimes
    /// not (a conflict); a few lines are bad.
    /// </summary>
    private static string RandomFile(Random random, int lines) => TestWarehouse.Lines(Enumerable.Range(0, lines).Select(_ =>
    {
        var id = random.Next(1, 120);
        return random.Next(40) switch
        {
            0 => "not json",
            1 => "",
            < 6 => TestWarehouse.Vote(id, $"2022-0{1 + id % 9}-1{id % 10}T10:00:00.000", postId: random.Next(1, 3), userId: random.Next(2) == 0 ? null : 7),
            _ => TestWarehouse.Vote(id, $"2022-0{1 + id % 9}-1{id % 10}T10:00:00.000", postId: id % 5, userId: id % 3 == 0 ? null : id),
        };
    }).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Files_ingested_as_one_batch_end_exactly_as_if_ingested_one_after_another(int seed)
    {
        var random = new Random(seed);
        var stored = RandomFile(random, 40);
        var files = Enumerable.Range(0, 12).Select(i => ($"file-{i:D2}.jsonl", RandomFile(random, random.Next(0, 60)))).ToList();
        files.Add(("again-under-another-name.jsonl", files[3].Item2));
        files.Add((files[5].Item1, files[5].Item2)); // the same file twice
        using var oneByOne = new TestWarehouse();
        using var batched = new TestWarehouse();
        var expected = new List<IngestResult>();
        var inputs = new List<InputFile>();
        await oneByOne.IngestText("stored.jsonl", stored);
        await batched.IngestText("stored.jsonl", stored);
        foreach (var (name, content) in files)
        {
            expected.Add(await oneByOne.IngestText(name, content));
            var folder = Path.Combine(batched.Folder, $"{inputs.Count}");
            Directory.CreateDirectory(folder);
            inputs.Add(InputFile.Inspect(batched.WriteFile(Path.Combine(folder, name), content)));
        }

        var results = await Task.WhenAll(batched.Warehouse.IngestFiles(inputs));

        Assert.Equal(expected.Select(Comparable), results.Select(Comparable));
        Assert.Equal(State(oneByOne), State(batched));
        Assert.Equal(1, batched.Count("SELECT count(DISTINCT IngestedAt) FROM blog_analysis.ingested_files WHERE FileName <> 'stored.jsonl'")); // one batch
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_fails_alone_with_a_one_line_error_and_the_rest_of_its_batch_is_stored()
    {
        using var test = new TestWarehouse();
        var first = InputFile.Inspect(test.WriteFile("first.jsonl", TestWarehouse.Votes(1, 10, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        var gone = InputFile.Inspect(test.WriteFile("gone.jsonl", TestWarehouse.Votes(11, 20, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        var last = InputFile.Inspect(test.WriteFile("last.jsonl", TestWarehouse.Votes(21, 30, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        File.Delete(gone.Path);

        var results = test.Warehouse.IngestFiles([first, gone, last]);

        Assert.Equal(10, (await results[0]).Inserted);
        var error = await Assert.ThrowsAsync<WarehouseException>(() => results[1]);
        Assert.StartsWith("cannot ingest gone.jsonl: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(10, (await results[2]).Inserted);
        Assert.Equal([["first.jsonl"], ["last.jsonl"]], test.Query("SELECT FileName FROM blog_analysis.ingested_files ORDER BY FileId"));
        Assert.Equal(20, test.VoteCount);
    }

    [Fact]
    public async Task A_caller_that_cancels_rolls_back_its_batch_and_the_other_callers_files_are_stored_in_the_next()
    {
        using var cancel = new CancellationTokenSource();
        using var firstCommitting = new ManualResetEventSlim();
        using var queued = new ManualResetEventSlim();
        var commits = 0;
        using var test = new TestWarehouse(new WarehouseOptions
        {
            BeforeCommit = () =>
            {
                // The first ingest holds the writer until the two callers wait; their batch is cancelled.
                if (++commits == 1)
                {
                    firstCommitting.Set();
                    queued.Wait();
                }
                else if (commits == 2) cancel.Cancel();
            },
        });
        InputFile Votes(string name, int from) => InputFile.Inspect(test.WriteFile(name, TestWarehouse.Votes(from, from + 9, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        var first = test.Warehouse.IngestFiles([Votes("first.jsonl", 1)]);
        firstCommitting.Wait();

        var mine = test.Warehouse.IngestFiles([Votes("mine.jsonl", 11)], cancellationToken: cancel.Token)[0];
        var theirs = test.Warehouse.IngestFiles([Votes("theirs.jsonl", 21)])[0];
        queued.Set();

        Assert.Equal(10, (await first[0]).Inserted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mine);
        Assert.Equal(10, (await theirs).Inserted);
        Assert.Equal(3, commits);
        Assert.Equal([["first.jsonl"], ["theirs.jsonl"]], test.Query("SELECT FileName FROM blog_analysis.ingested_files ORDER BY FileId"));
        Assert.Equal(20, test.VoteCount);
    }

    [Fact]
    public async Task A_caller_that_cancels_while_its_file_is_read_gets_a_cancellation_and_the_other_files_are_stored()
    {
        using var cancel = new CancellationTokenSource();
        using var firstCommitting = new ManualResetEventSlim();
        using var queued = new ManualResetEventSlim();
        var commits = 0;
        using var test = new TestWarehouse(new WarehouseOptions
        {
            BeforeCommit = () =>
            {
                if (++commits != 1) return;
                firstCommitting.Set();
                queued.Wait();
            },
        });
        var first = test.Warehouse.IngestFiles([InputFile.Inspect(test.WriteFile("first.jsonl", TestWarehouse.Votes(1, 10, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))))]);
        firstCommitting.Wait();
        var big = InputFile.Inspect(test.WriteFile("big.jsonl", TestWarehouse.Votes(100, 200_000, new DateTime(2022, 1, 3), TimeSpan.FromSeconds(1))));
        var cancelWhenRead = new InlineProgress<IngestProgress>(p => { if (p.Stage == IngestStage.Reading && p.Done > 0) cancel.Cancel(); });

        var mine = test.Warehouse.IngestFiles([big], cancelWhenRead, cancel.Token)[0];
        var theirs = test.Warehouse.IngestFiles([InputFile.Inspect(test.WriteFile("theirs.jsonl", TestWarehouse.Votes(11, 20, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))))])[0];
        queued.Set();

        await first[0];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mine);
        Assert.Equal(10, (await theirs).Inserted);
        Assert.Equal([["first.jsonl"], ["theirs.jsonl"]], test.Query("SELECT FileName FROM blog_analysis.ingested_files ORDER BY FileId"));
    }

    [Fact]
    public async Task A_file_that_disappears_before_its_conflicts_are_read_back_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        using var test = new TestWarehouse();
        await test.IngestText("stored.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 5)));
        var good = InputFile.Inspect(test.WriteFile("good.jsonl", TestWarehouse.Votes(11, 20, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        var conflicting = InputFile.Inspect(test.WriteFile("conflicting.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000", postId: 6))));
        var deleteWhenLoading = new InlineProgress<IngestProgress>(p => { if (p.Stage == IngestStage.Classifying) File.Delete(conflicting.Path); });

        var results = test.Warehouse.IngestFiles([good, conflicting], deleteWhenLoading);

        Assert.Equal(10, (await results[0]).Inserted);
        var error = await Assert.ThrowsAsync<WarehouseException>(() => results[1]);
        Assert.StartsWith("cannot ingest conflicting.jsonl: ", error.Message);
        Assert.Equal([["stored.jsonl"], ["good.jsonl"]], test.Query("SELECT FileName FROM blog_analysis.ingested_files ORDER BY FileId"));
    }

    private static IngestResult Comparable(IngestResult result) => result with
    {
        Elapsed = TimeSpan.Zero,
        AlreadyIngestedAs = result.AlreadyIngestedAs is { } earlier ? earlier with { IngestedAt = default } : null,
    };

    /// <summary>Every table, with the times of ingest left out.</summary>
    private static List<string> State(TestWarehouse warehouse) => new[]
    {
        "SELECT * FROM blog_analysis.votes ORDER BY Id",
        "SELECT * EXCLUDE (IngestedAt) FROM blog_analysis.ingested_files ORDER BY FileId",
        "SELECT * FROM blog_analysis.rejected_lines ORDER BY FileId, LineNumber",
        "SELECT * FROM blog_analysis.weekly_vote_counts ORDER BY Year, WeekNumber",
        "SELECT * EXCLUDE (FirstSeenAt) FROM blog_analysis.redelivered_files ORDER BY ALL",
    }.SelectMany(warehouse.Query).Select(row => string.Join("|", row)).ToList();
}
