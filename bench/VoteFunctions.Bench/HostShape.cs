using System.Diagnostics;
using VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// Many files through the real Functions host: the published app on the host that
/// FUNCTIONS_HOST_START names (the end-to-end suite's), with its own Azurite. Every file is
/// uploaded at once as a blob; the clock runs from the first upload until every blob's votes are
/// visible: ingested by the blob trigger, or, for those the polling trigger missed, by
/// CatchUpMissedBlobs (run through the admin API as soon as the trigger is quiet; the app runs it
/// every five minutes).
/// </summary>
internal static class HostShape
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    /// <param name="UploadSeconds">Until every upload had finished.</param>
    /// <param name="TriggerSeconds">Until the last blob the trigger ingested was done.</param>
    /// <param name="VisibleSeconds">Until every blob's votes were visible.</param>
    /// <param name="IngestSecondsPerBlob">The trigger's IngestVotes invocations, start to end, on average (download included).</param>
    public sealed record Result(int Blobs, int ByTrigger, double UploadSeconds, double TriggerSeconds, double VisibleSeconds, double IngestSecondsPerBlob, double HostStartSeconds);

    public const string Variable = HostCommand.Variable;

    public static bool Configured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    public static async Task<Result> MeasureAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToList();
        using var app = await HostedApp.StartAsync("bench");
        var host = app.Host;

        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var names = await Task.WhenAll(files.Select(file => app.UploadAsync(file)));
        var uploadSeconds = clock.Elapsed.TotalSeconds;

        var ingestsByBlob = await host.WaitForBlobTriggerAsync(names, started, Deadline);
        var ingests = ingestsByBlob.Values.ToList();
        var triggerSeconds = ingests.Select(run => (run.Executed!.At - started).TotalSeconds).DefaultIfEmpty().Max();
        var visibleSeconds = triggerSeconds;
        if (ingests.Count < names.Length)
        {
            var catchUp = await host.RunCatchUpAsync();
            var missing = names.Where(name => !ingestsByBlob.ContainsKey(name))
                .Where(name => !host.LogContains($"Caught up blob {name}: ") && !host.IngestInvocations(name).Any(run => run.Succeeded)).ToList();
            if (!catchUp.Succeeded || missing.Count > 0)
                throw new InvalidOperationException($"CatchUpMissedBlobs did not ingest every missed blob ({missing.Count} left): {catchUp.Executed?.Text}");
            visibleSeconds = (catchUp.Executed!.At - started).TotalSeconds;
        }
        var perBlob = ingests.Select(run => (run.Executed!.At - run.Started.At).TotalSeconds).DefaultIfEmpty().Average();
        return new Result(names.Length, ingests.Count, uploadSeconds, triggerSeconds, visibleSeconds, perBlob, host.StartUpTimes[0].TotalSeconds);
    }
}
