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
    /// <summary>Two listings of the polling trigger (every 10 s) without a new invocation: it has started all it will.</summary>
    private static readonly TimeSpan TriggerQuietPeriod = TimeSpan.FromSeconds(25);

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

        // The host's log is parsed once a poll (not once a blob): the bench must not compete with
        // the host it measures for the machine's cores.
        var prefix = $": {host.ContainerName}/";
        Dictionary<string, List<Invocation>> IngestsByBlob() => host.Invocations("IngestVotes")
            .Where(run => run.Reason.Contains(prefix, StringComparison.Ordinal))
            .GroupBy(run => run.Reason[(run.Reason.LastIndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..])
            .ToDictionary(runs => runs.Key, runs => runs.ToList());

        await host.WaitForAsync("the blob trigger to ingest every blob, or to stop starting invocations", () =>
        {
            var byBlob = IngestsByBlob();
            if (names.All(name => byBlob.TryGetValue(name, out var runs) && runs.Any(run => run.Succeeded))) return "all ingested";
            var runsSoFar = byBlob.Values.SelectMany(runs => runs).ToList();
            var lastActivity = runsSoFar.Select(run => (run.Executed ?? run.Started).At).Append(started).Max();
            return runsSoFar.All(run => run.Executed is not null) && DateTime.UtcNow - lastActivity > TriggerQuietPeriod ? "quiet" : null;
        }, Deadline, TimeSpan.FromSeconds(1));

        var ingestsByBlob = IngestsByBlob();
        var ingests = names.Select(name => ingestsByBlob.GetValueOrDefault(name)?.FirstOrDefault(run => run.Succeeded)).OfType<Invocation>().ToList();
        var triggerSeconds = ingests.Select(run => (run.Executed!.At - started).TotalSeconds).DefaultIfEmpty().Max();
        var visibleSeconds = triggerSeconds;
        if (ingests.Count < names.Length)
        {
            var catchUp = await host.RunCatchUpAsync();
            var afterCatchUp = IngestsByBlob();
            var missing = names.Where(name => !(afterCatchUp.GetValueOrDefault(name)?.Any(run => run.Succeeded) ?? false))
                .Where(name => !host.LogContains($"Caught up blob {name}: ")).ToList();
            if (!catchUp.Succeeded || missing.Count > 0)
                throw new InvalidOperationException($"CatchUpMissedBlobs did not ingest every missed blob ({missing.Count} left): {catchUp.Executed?.Text}");
            visibleSeconds = (catchUp.Executed!.At - started).TotalSeconds;
        }
        var perBlob = ingests.Select(run => (run.Executed!.At - run.Started.At).TotalSeconds).DefaultIfEmpty().Average();
        return new Result(names.Length, ingests.Count, uploadSeconds, triggerSeconds, visibleSeconds, perBlob, host.StartUpTimes[0].TotalSeconds);
    }
}
