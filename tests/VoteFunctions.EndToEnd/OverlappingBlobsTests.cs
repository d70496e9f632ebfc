using System.IO.Compression;
using VoteFunctions.EndToEnd.Infrastructure;
using Xunit.Abstractions;

namespace VoteFunctions.EndToEnd;

public sealed class OverlappingBlobsTests(ITestOutputHelper output)
{
    private const int Files = 20;
    private const int LinesPerFile = 6_000;
    private const int LinesBetweenFileStarts = 3_000; // each file shares half its lines with the next

    [Fact]
    public async Task Twenty_overlapping_blobs_uploaded_at_once_are_each_ingested_once_with_the_same_votes_and_weekly_counts_as_the_cli()
    {
        using var app = await HostedApp.StartAsync("twenty");
        var host = app.Host;
        var files = await WriteOverlappingFilesAsync(Path.Combine(app.Folder, "files"));
        var reference = await ReferenceWarehouse.BuildAsync(Path.Combine(app.Folder, "cli"), files);

        var blobNames = await Task.WhenAll(files.Select(file => app.UploadAsync(file)));
        var uploaded = DateTime.UtcNow;
        var ingestedByTheTrigger = (await host.WaitForBlobTriggerAsync(blobNames, uploaded)).Values.ToList();
        // The polling trigger is best effort: a blob whose upload started in an earlier second than
        // one the last listing saw, and ended after it, is never listed as new (Azurite stamps
        // Last-Modified when an upload starts). The catch-up every few minutes is the app's answer
        // to that, and the nightly refresh after it finds nothing left.
        var missedByTheTrigger = Files - ingestedByTheTrigger.Count;
        var catchUp = await host.RunCatchUpAsync();
        var refresh = await host.RunNightlyRefreshAsync();
        HostAssert.WithLog(host, () =>
        {
            Assert.True(catchUp.Succeeded, catchUp.Executed!.Text);
            if (missedByTheTrigger > 0)
                Assert.Equal($"{Files} blobs listed, {Files - missedByTheTrigger} already ingested, 0 already ingested under another name, {missedByTheTrigger} ingested, 0 failed", host.LastLogLineAfter("Catch-up: "));
            Assert.True(refresh.Succeeded, refresh.Executed!.Text);
            Assert.Contains($" {Files} already ingested, 0 already ingested under another name, 0 ingested, 0 failed;", host.LastLogLineAfter("Nightly refresh: "));
        });
        output.WriteLine($"host start-up: {host.StartUpTimes[0].TotalSeconds:F2} s; {ingestedByTheTrigger.Count} blobs came through the trigger " +
                         $"(the last Executed {ingestedByTheTrigger.Select(run => run.Executed!.At - uploaded).DefaultIfEmpty().Max().TotalSeconds:F1} s after the uploads), {missedByTheTrigger} through CatchUpMissedBlobs");

        HostAssert.StoppedWithEachVoteOnceAsInTheCli(host, reference);
        Assert.All(blobNames, name => Assert.Equal(1, host.Warehouse.LedgerEntriesNamed(name)));
        Assert.Equal(reference.Warehouse.Votes(), host.Warehouse.Votes());
        Assert.Equal(reference.Warehouse.WeeklyVoteCounts(), host.Warehouse.WeeklyVoteCounts());
    }

    /// <summary>
    /// Twenty windows over one generated export (with repeated and damaged lines, as real exports
    /// have), each overlapping the next by half; every fifth gzip-compressed. An Id always comes with
    /// the same line, so the result cannot depend on the order the files arrive in.
    /// </summary>
    private static async Task<string[]> WriteOverlappingFilesAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var export = Path.Combine(folder, "export.jsonl");
        var totalLines = (Files - 1) * LinesBetweenFileStarts + LinesPerFile;
        await VotesCli.RunAsync(folder, "generate", export, "--rows", totalLines.ToString(), "--seed", "20", "--duplicate-rate", "0.01", "--bad-rate", "0.002");
        var lines = await File.ReadAllLinesAsync(export);
        File.Delete(export);

        var files = new string[Files];
        for (var i = 0; i < Files; i++)
        {
            var window = lines.Skip(i * LinesBetweenFileStarts).Take(LinesPerFile);
            var compressed = i % 5 == 4;
            files[i] = Path.Combine(folder, $"part-{i + 1:D2}.jsonl" + (compressed ? ".gz" : ""));
            await using var file = File.Create(files[i]);
            await using var content = compressed ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
            await using var writer = new StreamWriter(content) { NewLine = "\n" };
            foreach (var line in window) await writer.WriteLineAsync(line);
        }
        return files;
    }
}
