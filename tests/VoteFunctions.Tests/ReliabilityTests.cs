using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace VoteFunctions.Tests;

public class ReliabilityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-reliability-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_process_killed_mid_ingest_leaves_no_trace_and_the_rerun_gives_exact_counts()
    {
        var big = Path.Combine(folder, "big.jsonl");
        new VoteFileGenerator { Rows = 600_000, Seed = 3, DuplicateRate = 0.01, BadLineRate = 0.001 }.WriteTo(big);

        // Kill the ingest with every row written and nothing committed: the test host pauses there,
        // and says so on stderr.
        var start = CliRunner.PausingBeforeCommit(TimeSpan.FromSeconds(60), folder, "ingest", big);
        using (var process = Process.Start(start)!)
        {
            var paused = new TaskCompletionSource();
            process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("paused before commit") == true) paused.TrySetResult(); };
            process.BeginErrorReadLine();
            await paused.Task.WaitAsync(TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.True(new FileInfo(Path.Combine(folder, "warehouse.db")).Length > 0);

        var database = Path.Combine(folder, "warehouse.db");
        using (var afterKill = Warehouse.Open(database))
        {
            Assert.Empty(afterKill.ListIngestedFiles());
            Assert.Empty(afterKill.RefreshOutlierWeeks());
        }

        var rerun = CliRunner.Run(folder, "ingest", big);
        Assert.Equal(0, rerun.ExitCode);

        using var reference = new TestWarehouse();
        var expected = await reference.Ingest(big);
        using var warehouse = Warehouse.Open(database);
        var ledger = Assert.Single(warehouse.ListIngestedFiles());
        Assert.Equal((expected.LinesRead, expected.Inserted, expected.Duplicates, expected.Rejected), (ledger.LinesRead, ledger.Inserted, ledger.Duplicates, ledger.Rejected));
        Assert.Equal(600_000, ledger.LinesRead);
        Assert.Equal(reference.Warehouse.RefreshOutlierWeeks(), warehouse.RefreshOutlierWeeks());
    }

    [Fact]
    public async Task A_second_process_opening_the_warehouse_while_the_first_writes_gets_a_one_line_error_within_seconds()
    {
        var big = Path.Combine(folder, "big.jsonl");
        new VoteFileGenerator { Rows = 600_000, Seed = 5 }.WriteTo(big);
        // The writer holds its finished transaction open for 5 s before committing.
        var start = CliRunner.PausingBeforeCommit(TimeSpan.FromSeconds(5), folder, "ingest", big);
        using var writer = Process.Start(start)!;
        var paused = new TaskCompletionSource();
        writer.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("paused before commit") == true) paused.TrySetResult(); };
        writer.BeginErrorReadLine();
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var started = Stopwatch.StartNew();
        var second = CliRunner.Run(folder, "outliers");

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"the second process took {started.Elapsed}");
        Assert.Equal(1, second.ExitCode);
        Assert.Matches(@"^votes: cannot open warehouse .*: it is in use by another process \(PID \d+\)[^\n]*\n$", second.Stderr);
        await writer.WaitForExitAsync();
        Assert.Equal(0, writer.ExitCode);
        using var warehouse = Warehouse.Open(Path.Combine(folder, "warehouse.db"));
        Assert.Equal(600_000, Assert.Single(warehouse.ListIngestedFiles()).LinesRead);
    }

    [Theory]
    [InlineData("it's; DROP TABLE blog_analysis.votes; --.jsonl")]
    [InlineData("../../etc/passwd")]
    [InlineData("votes \"2022\" ünïcödé 票.jsonl")]
    [InlineData("x' OR '1'='1")]
    [InlineData("$file_id $sha256.jsonl")]
    public async Task Hostile_file_names_are_stored_as_data_and_never_change_a_statement(string name)
    {
        using var test = new TestWarehouse();
        var result = await test.Warehouse.IngestFileAsync(TestWarehouse.Fixture("dirty/not-json.jsonl"), name);

        Assert.Equal((4L, 2L, 2L), (result.LinesRead, result.Inserted, result.Rejected));
        Assert.Equal(name, Assert.Single(test.Warehouse.ListIngestedFiles()).FileName);
        Assert.Equal(2, test.Warehouse.ListRejectedLines(name).Count());
        Assert.Equal(2, test.VoteCount);
    }

    [Fact]
    public async Task A_warehouse_and_input_paths_with_quotes_semicolons_and_spaces_work()
    {
        var odd = Directory.CreateDirectory(Path.Combine(folder, "it's; a \"folder\" = x")).FullName;
        var input = Path.Combine(odd, "votes; 'quoted'.jsonl");
        File.Copy(TestWarehouse.Fixture("sample-votes.jsonl"), input);

        using var warehouse = Warehouse.Open(Path.Combine(odd, "ware'house;.db"));
        var result = await warehouse.IngestFileAsync(input);

        Assert.Equal(16, result.Inserted);
        Assert.Equal(6, warehouse.RefreshOutlierWeeks().Count);
    }

    [Fact]
    public void A_warehouse_file_that_is_not_a_duckdb_database_is_a_clear_error_and_is_left_alone()
    {
        var path = Path.Combine(folder, "not-a-warehouse.db");
        File.WriteAllText(path, "these are somebody's notes, not a database");

        var error = Assert.Throws<WarehouseException>(() => Warehouse.Open(path));

        Assert.StartsWith($"cannot open warehouse {path}: ", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.Equal("these are somebody's notes, not a database", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_file_that_changes_while_it_is_read_is_refused_and_nothing_is_written()
    {
        using var test = new TestWarehouse();
        var path = test.WriteFile("growing.jsonl", TestWarehouse.Votes(1, 1000, new DateTime(2022, 1, 1), TimeSpan.FromHours(1)));
        // The exporter is still writing: more lines arrive while the file is being read.
        var appended = false;
        var progress = new InlineProgress<IngestProgress>(_ =>
        {
            if (appended) return;
            appended = true;
            File.AppendAllText(path, TestWarehouse.Vote(1001, "2022-03-01T00:00:00") + "\n");
        });

        var error = await Assert.ThrowsAsync<WarehouseException>(() => test.Warehouse.IngestFileAsync(path, progress: progress));

        Assert.Equal($"cannot ingest {path}: the file changed while it was being read; nothing was written, ingest it again once it is complete", error.Message);
        Assert.Equal(0, test.VoteCount);
        Assert.Empty(test.Warehouse.ListIngestedFiles());
    }

    [Fact]
    public void A_warehouse_in_a_missing_folder_is_a_clear_error()
    {
        var error = Assert.Throws<WarehouseException>(() => Warehouse.Open(Path.Combine(folder, "no", "such", "warehouse.db")));
        Assert.Contains("does not exist", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}

[Collection(AzuriteCollection.Name)]
public class FunctionFaultTests(AzuriteFixture azurite)
{
    /// <summary>A blob stream that fails after some bytes, as a dropped storage connection does.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long read;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (read >= failAfter) throw new IOException("connection reset by storage");
            var n = inner.Read(buffer, offset, (int)Math.Min(count, failAfter - read));
            read += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_storage_failure_mid_blob_throws_for_a_retry_and_writes_nothing()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        await new VoteContainer(container).UploadAsync(TestWarehouse.Fixture("sample-votes.jsonl"));
        await using var blob = await container.GetBlobClient("sample-votes.jsonl").OpenReadAsync();
        var function = new IngestVotes(test.Warehouse, NullLogger<IngestVotes>.Instance);

        await Assert.ThrowsAsync<IOException>(() => function.Run(new FailingStream(blob, 500), "sample-votes.jsonl", CancellationToken.None));
        Assert.Empty(test.Warehouse.ListIngestedFiles());

        // The host's retry reads the blob again and succeeds.
        await using var again = await container.GetBlobClient("sample-votes.jsonl").OpenReadAsync();
        await function.Run(again, "sample-votes.jsonl", CancellationToken.None);
        Assert.Equal(16, test.VoteCount);
    }

    [Fact]
    public async Task The_nightly_refresh_with_storage_unreachable_fails_for_the_next_run_and_changes_nothing()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        var before = test.Snapshot();
        var unreachable = new BlobContainerClient(AzuriteFixture.ConnectionStringFor(1, 1), "votes",
            new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });

        await Assert.ThrowsAnyAsync<Exception>(() =>
            new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new(), unreachable, CancellationToken.None));

        Assert.Equal(before, test.Snapshot());
    }

    [Fact]
    public async Task The_nightly_refresh_reports_blobs_it_cannot_read_and_still_rebuilds()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        await new VoteContainer(container).UploadAsync(TestWarehouse.Fixture("sample-votes.jsonl"));
        await new VoteContainer(container).UploadAsync(TestWarehouse.Fixture("dirty/bom.jsonl"));
        // A credential that may list the container but not read blobs: every download fails with 403.
        var listOnly = new BlobContainerClient(container.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.List, DateTimeOffset.UtcNow.AddHours(1)),
            new BlobClientOptions { Retry = { MaxRetries = 0 } });

        var result = await new VoteContainer(listOnly).IngestMissingAsync(test.Warehouse);

        Assert.Equal(2, result.BlobsListed);
        Assert.Empty(result.Ingested);
        Assert.Equal(["bom.jsonl", "sample-votes.jsonl"], result.Failed.Select(f => f[..f.IndexOf(':')]));
        Assert.Empty(test.Warehouse.ListIngestedFiles());

        // The function logs the failures and goes on to rebuild; the next night retries them.
        await new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new(), listOnly, CancellationToken.None);
        await new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new(), container, CancellationToken.None);
        Assert.Equal(2, test.Warehouse.ListIngestedFiles().Count);
    }

    [Fact]
    public async Task The_nightly_refresh_before_any_upload_finds_nothing_to_do()
    {
        using var test = new TestWarehouse();
        var missing = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("never-created-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await new VoteContainer(missing).IngestMissingAsync(test.Warehouse);

        Assert.Equal((0, 0, 0), (result.BlobsListed, result.Ingested.Count, result.Failed.Count));
    }
}
