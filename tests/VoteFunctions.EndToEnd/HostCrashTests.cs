using VoteFunctions.EndToEnd.Infrastructure;
using Xunit.Abstractions;

namespace VoteFunctions.EndToEnd;

public sealed class HostCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_host_killed_in_the_middle_of_ingesting_a_2M_row_blob_ingests_it_exactly_once_after_a_restart()
    {
        using var app = await HostedApp.StartAsync("crash");
        var host = app.Host;
        var bigFile = Path.Combine(app.Folder, "big.jsonl");
        await VotesCli.RunAsync(app.Folder, "generate", bigFile, "--rows", "2000000");
        var reference = await ReferenceWarehouse.BuildAsync(Path.Combine(app.Folder, "cli"), bigFile);

        await host.GetOutlierWeeksAsync(); // the worker opens the warehouse: its size before the ingest is known
        var sizeBeforeIngest = host.Warehouse.FileSize;
        var blobName = await app.UploadAsync(bigFile);
        var ingest = await host.WaitForAsync($"IngestVotes to start for {blobName}", () => host.IngestInvocations(blobName).FirstOrDefault());
        // Kill when the worker is writing the blob's rows into the warehouse file: after the
        // download and the checks, before the commit (about a second on this machine).
        await host.WaitForAsync("the worker to write the blob's rows into the warehouse file",
            () => host.Warehouse.FileSize != sizeBeforeIngest ? "writing" : null, pollInterval: TimeSpan.FromMilliseconds(10));
        var orphanedWorkers = host.Crash();
        var crashedAt = DateTime.UtcNow;

        HostAssert.WithLog(host, () =>
        {
            Assert.Null(host.IngestInvocations(blobName).Single().Executed); // killed before the ingest ended
            Assert.NotEmpty(orphanedWorkers);
        });
        // A worker whose host is gone ends too, or it would hold the warehouse's lock against the next host.
        await Poll.UntilAsync("the killed host's worker to end", () => orphanedWorkers.Any(worker => worker.IsAlive) ? null : "ended",
            TimeSpan.FromSeconds(30), context: () => host.DescribeLog());
        output.WriteLine($"killed {(crashedAt - ingest.Started.At).TotalSeconds:F1} s after the invocation started; its worker ended {(DateTime.UtcNow - crashedAt).TotalSeconds:F1} s after the host");

        await host.StartAsync();
        var refresh = await host.RunNightlyRefreshAsync(); // an in-flight trigger message stays invisible for minutes after a crash
        HostAssert.WithLog(host, () => Assert.True(refresh.Succeeded, refresh.Executed!.Text));

        HostAssert.StoppedWithEachVoteOnceAsInTheCli(host, reference);
        Assert.Equal(1, host.Warehouse.LedgerEntriesNamed(blobName));
        output.WriteLine($"host start-up: {string.Join(", ", host.StartUpTimes.Select(time => $"{time.TotalSeconds:F2} s"))}");
    }
}
