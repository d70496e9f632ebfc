using System.Text.Json;
using VoteFunctions.EndToEnd.Infrastructure;
using Xunit.Abstractions;

namespace VoteFunctions.EndToEnd;

public sealed class HeldWarehouseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_blob_uploaded_while_another_process_holds_the_warehouse_fails_is_retried_and_arrives_exactly_once_when_it_is_free()
    {
        using var app = await HostedApp.StartAsync("held");
        var host = app.Host;
        var reference = await ReferenceWarehouse.BundledDatasetAsync();
        var poisonThreshold = PoisonBlobThreshold();

        // The worker opens the warehouse at its first invocation; this test process has it first.
        string blobName;
        using (host.Warehouse.Hold())
        {
            blobName = await app.UploadAsync(Repository.BundledDataset);
            // Every attempt fails while the file is held; past host.json's threshold the blob is poisoned.
            await host.WaitForAsync($"{poisonThreshold} failed attempts to ingest {blobName}, then its message moved to the poison queue",
                () => host.IngestInvocations(blobName).Count(run => run.Failed) >= poisonThreshold && host.LogContains("webjobs-blobtrigger-poison") ? "poisoned" : null);
        }
        var attempts = host.IngestInvocations(blobName);
        HostAssert.WithLog(host, () =>
        {
            Assert.Equal(poisonThreshold, attempts.Count);
            Assert.All(attempts, attempt => Assert.True(attempt.Failed));
            Assert.True(host.LogContains("in use by another process"), "the failures say the warehouse is in use");
        });

        // The warehouse is free: the nightly safety net brings the poisoned blob in.
        var refresh = await host.RunNightlyRefreshAsync();
        HostAssert.WithLog(host, () =>
        {
            Assert.True(refresh.Succeeded, refresh.Executed!.Text);
            Assert.Contains(" 1 ingested, 0 failed;", host.LastLogLineAfter("Nightly refresh: "));
        });

        HostAssert.StoppedWithEachVoteOnceAsInTheCli(host, reference);
        Assert.Equal(1, host.Warehouse.LedgerEntriesNamed(blobName));
        Assert.Equal(reference.Warehouse.WeeklyVoteCounts(), host.Warehouse.WeeklyVoteCounts());
        output.WriteLine($"host start-up: {host.StartUpTimes[0].TotalSeconds:F2} s");
    }

    /// <summary>host.json's extensions.blobs.poisonBlobThreshold: the attempts a blob gets before it is poisoned.</summary>
    private static int PoisonBlobThreshold()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32();
    }
}
