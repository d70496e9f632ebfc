using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>One function invocation as the host logged it: started, and how it ended (null while running).</summary>
internal sealed record Invocation(string Id, string Reason, OutputLine Started, OutputLine? Executed)
{
    public bool Succeeded => Executed?.Text.Contains("(Succeeded,") == true;
    public bool Failed => Executed?.Text.Contains("(Failed,") == true;
}

/// <summary>What an HTTP request to the host answered; <paramref name="Link"/> is its Link header, if any.</summary>
internal sealed record HostResponse(int Status, byte[] Body, string? ContentType, string? Link = null)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// The published app on a real Functions host (<c>FUNCTIONS_HOST_START SCRIPT_ROOT PORT</c>),
/// with its own warehouse file and votes container. Its settings are local.settings.sample.json's,
/// with this host's storage, container and warehouse. It can be stopped, crashed and started again
/// over the same storage and warehouse; its log is kept across starts. With key checks on (the
/// prebuilt host's FUNCTIONS_HOST_ENABLE_AUTH=1), it has a random function key and master key, and
/// sends the master key with its own admin requests.
/// </summary>
internal sealed partial class FunctionsHost : IDisposable
{
    public static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(2);
    /// <summary>How long the suite waits for anything the host does on its own (a blob trigger, an admin run).</summary>
    public static readonly TimeSpan OutcomeDeadline = TimeSpan.FromMinutes(3);

    // The suite runs NightlyRefresh itself, through the admin API; neither timer may fire on its own
    // in the middle of a test (the sample's 02:00 UTC would, for a run at that hour, and the
    // catch-up's five minutes would in a long test), so that a test sees what the trigger did.
    private const string ScheduleThatDoesNotFireDuringARun = "0 0 0 1 1 *";

    private readonly string appFolder;
    private readonly Dictionary<string, string> settings;
    private readonly List<ChildProcess> starts = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private int port;

    public string ContainerName { get; }
    public WarehouseFile Warehouse { get; }
    /// <summary>The key for the app's functions when keys are checked; null when they are not.</summary>
    public string? FunctionKey { get; }
    private readonly string? masterKey;
    /// <summary>From the process's start to /admin/host/status answering Running, for each start.</summary>
    public List<TimeSpan> StartUpTimes { get; } = [];

    public FunctionsHost(string appFolder, string folder, string storageConnectionString, string containerName, bool checkKeys = false)
    {
        this.appFolder = appFolder;
        ContainerName = containerName;
        Warehouse = new WarehouseFile(Path.Combine(folder, "warehouse.db"));
        var temporaryFiles = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
        settings = SampleSettings(storageConnectionString);
        settings["VotesContainer"] = containerName;
        settings["WarehousePath"] = Warehouse.Path;
        settings["NightlyRefreshSchedule"] = ScheduleThatDoesNotFireDuringARun;
        settings["CatchUpSchedule"] = ScheduleThatDoesNotFireDuringARun;
        // The worker's local copies of blobs go where the test's folder is removed, even when a
        // worker is killed in the middle of an ingest.
        settings["TMPDIR"] = temporaryFiles;
        if (checkKeys)
        {
            (FunctionKey, masterKey) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
            settings["FUNCTIONS_HOST_ENABLE_AUTH"] = "1";
            settings["FUNCTIONS_HOST_FUNCTION_KEY"] = FunctionKey;
            settings["FUNCTIONS_HOST_MASTER_KEY"] = masterKey;
        }
    }

    private ChildProcess Current => starts.Count > 0 ? starts[^1] : throw new InvalidOperationException("the host was never started");

    public async Task StartAsync()
    {
        port = Network.FreePort();
        var start = new ProcessStartInfo(HostCommand.Path) { WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(appFolder);
        start.ArgumentList.Add(port.ToString());
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var host = ChildProcess.Start("functions host", start);
        starts.Add(host);

        await Poll.UntilAsync("the host to report Running at /admin/host/status", async () => await IsRunningAsync() ? "running" : null, StartDeadline,
            whyItCannotHappen: () => host.HasExited ? $"the host exited with code {host.ExitCode}" : null,
            context: () => DescribeLog());
        StartUpTimes.Add(DateTime.UtcNow - host.StartedAt);
    }

    private async Task<bool> IsRunningAsync()
    {
        try
        {
            using var request = Admin(HttpMethod.Get, "/admin/host/status");
            using var status = await http.SendAsync(request);
            if (!status.IsSuccessStatusCode) return false;
            using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
            return json.RootElement.TryGetProperty("state", out var state) && state.GetString() == "Running";
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    /// <summary>SIGTERM (the host stops its worker), SIGKILL after a grace period.</summary>
    public void Stop() => Current.Stop();

    /// <summary>SIGKILL to the host process alone; returns its worker(s), which nobody stopped.</summary>
    public IReadOnlyList<ProcessTree.Member> Crash() => Current.Crash();

    public Uri OutlierWeeksUrl(string? format = null) =>
        new($"http://127.0.0.1:{port}/api/outlier-weeks" + (format is null ? "" : "?format=" + Uri.EscapeDataString(format)));

    public Uri ChartUrl => new($"http://127.0.0.1:{port}/api/chart");

    /// <summary>The app's address, as the CLI's --app takes it.</summary>
    public Uri AppUrl => new($"http://127.0.0.1:{port}/");

    public Task<HostResponse> GetOutlierWeeksAsync(string? format = null) => GetAsync(OutlierWeeksUrl(format).PathAndQuery);

    /// <summary>GET a path of the app, with a function key if one is given.</summary>
    public async Task<HostResponse> GetAsync(string pathAndQuery, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{pathAndQuery}");
        if (key is not null) request.Headers.Add("x-functions-key", key);
        using var response = await http.SendAsync(request);
        return new HostResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString(),
            response.Headers.TryGetValues("Link", out var links) ? string.Join(", ", links) : null);
    }

    /// <summary>A request to the admin API, with the master key when keys are checked.</summary>
    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}");
        if (masterKey is not null) request.Headers.Add("x-functions-key", masterKey);
        return request;
    }

    /// <summary>Runs NightlyRefresh now through the admin API and waits for the invocation to end.</summary>
    public Task<Invocation> RunNightlyRefreshAsync() => RunTimerFunctionAsync("NightlyRefresh");

    /// <summary>Runs CatchUpMissedBlobs now through the admin API and waits for the invocation to end.</summary>
    public Task<Invocation> RunCatchUpAsync() => RunTimerFunctionAsync("CatchUpMissedBlobs");

    private async Task<Invocation> RunTimerFunctionAsync(string function)
    {
        var since = DateTime.UtcNow;
        using var request = Admin(HttpMethod.Post, $"/admin/functions/{function}");
        request.Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"POST /admin/functions/{function} answered {(int)response.StatusCode}\n{DescribeLog()}");
        return await WaitForAsync($"{function}, run through the admin API, to end",
            () => Invocations(function).FirstOrDefault(run => run.Started.At >= since && run.Executed is not null));
    }

    /// <summary>Waits for an invocation of IngestVotes for <paramref name="blobName"/> that succeeded.</summary>
    public Task<Invocation> WaitForIngestAsync(string blobName) =>
        WaitForAsync($"IngestVotes to succeed for blob {blobName}", () => IngestInvocations(blobName).FirstOrDefault(run => run.Succeeded));

    /// <summary>The IngestVotes invocations for one blob of this host's container, in order.</summary>
    public IReadOnlyList<Invocation> IngestInvocations(string blobName) => IngestInvocationsByBlob().GetValueOrDefault(blobName) ?? [];

    /// <summary>Two listings of the polling blob trigger (every 10 s) without a new invocation: it has started all it will.</summary>
    public static readonly TimeSpan TriggerQuietPeriod = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Waits until the blob trigger has ingested every one of <paramref name="blobNames"/> (uploaded
    /// from <paramref name="uploaded"/> on), or has had no invocation running for
    /// <see cref="TriggerQuietPeriod"/>: it misses some blobs of a burst. Returns the first
    /// successful IngestVotes invocation of each blob it ingested. The log is parsed once a poll,
    /// not once a blob, so that a wait for hundreds of blobs does not compete with the host.
    /// </summary>
    public async Task<Dictionary<string, Invocation>> WaitForBlobTriggerAsync(IReadOnlyCollection<string> blobNames, DateTime uploaded, TimeSpan? deadline = null)
    {
        await WaitForAsync($"the blob trigger to ingest all {blobNames.Count} blobs, or to stop starting invocations", () =>
        {
            var byBlob = IngestInvocationsByBlob();
            var runs = blobNames.SelectMany(name => byBlob.GetValueOrDefault(name) ?? []).ToList();
            if (blobNames.All(name => byBlob.GetValueOrDefault(name)?.Any(run => run.Succeeded) == true)) return "all ingested";
            var lastActivity = runs.Select(run => (run.Executed ?? run.Started).At).Append(uploaded).Max();
            return runs.All(run => run.Executed is not null) && DateTime.UtcNow - lastActivity > TriggerQuietPeriod ? "quiet" : null;
        }, deadline);
        var ingested = IngestInvocationsByBlob();
        return blobNames
            .Select(name => (name, run: ingested.GetValueOrDefault(name)?.FirstOrDefault(run => run.Succeeded)))
            .Where(x => x.run is not null)
            .ToDictionary(x => x.name, x => x.run!);
    }

    /// <summary>The IngestVotes invocations of this host's container, by blob name (the end of each invocation's reason).</summary>
    private Dictionary<string, List<Invocation>> IngestInvocationsByBlob()
    {
        var prefix = $": {ContainerName}/";
        return Invocations("IngestVotes")
            .Where(run => run.Reason.Contains(prefix, StringComparison.Ordinal))
            .GroupBy(run => run.Reason[(run.Reason.LastIndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..])
            .ToDictionary(runs => runs.Key, runs => runs.ToList());
    }

    /// <summary>The app's own log line after "<paramref name="prefix"/>" (e.g. "Ingested blob x.jsonl: "), the latest.</summary>
    public string? LastLogLineAfter(string prefix) =>
        Log.Select(line => line.Text.Trim()).LastOrDefault(text => text.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

    /// <summary>Polls <paramref name="probe"/> until it returns something; a failure's message ends with the tail of the host log.</summary>
    public Task<T> WaitForAsync<T>(string what, Func<T?> probe, TimeSpan? deadline = null, TimeSpan? pollInterval = null) where T : class =>
        WaitForAsync(what, () => Task.FromResult(probe()), deadline, pollInterval);

    /// <inheritdoc cref="WaitForAsync{T}(string, Func{T}, TimeSpan?, TimeSpan?)"/>
    public Task<T> WaitForAsync<T>(string what, Func<Task<T?>> probe, TimeSpan? deadline = null, TimeSpan? pollInterval = null) where T : class =>
        Poll.UntilAsync(what, probe, deadline ?? OutcomeDeadline, pollInterval,
            whyItCannotHappen: () => Current.HasExited ? $"the host exited with code {Current.ExitCode}" : null,
            context: () => DescribeLog());

    /// <summary>Every line of the host's output (host and worker), across its starts.</summary>
    public IReadOnlyList<OutputLine> Log => starts.SelectMany(start => start.Output).ToList();

    public bool LogContains(string text) => Log.Any(line => line.Text.Contains(text, StringComparison.Ordinal));

    /// <summary>The invocations of one function, in the order they started.</summary>
    public IReadOnlyList<Invocation> Invocations(string function)
    {
        var log = Log;
        var ends = new Dictionary<string, OutputLine>();
        foreach (var line in log)
            if (ExecutedLine().Match(line.Text) is { Success: true } end && end.Groups["function"].Value == function)
                ends.TryAdd(end.Groups["id"].Value, line);
        return log
            .Select(line => (line, match: ExecutingLine().Match(line.Text)))
            .Where(x => x.match.Success && x.match.Groups["function"].Value == function)
            .Select(x => new Invocation(x.match.Groups["id"].Value, x.match.Groups["reason"].Value, x.line, ends.GetValueOrDefault(x.match.Groups["id"].Value)))
            .ToList();
    }

    /// <summary>
    /// The end of the host log, for a failure message. Azure.Core's "Error response" warnings
    /// (the expected 404s and 409s of the host's storage checks, many lines each) are left out.
    /// </summary>
    public string DescribeLog(int lines = 60)
    {
        var kept = new List<string>();
        var inStorageNoise = false;
        foreach (var line in Log.Select(line => line.Text))
        {
            var startsEntry = !line.StartsWith(' ');
            if (startsEntry) inStorageNoise = line.StartsWith("warn: Azure.Core", StringComparison.Ordinal);
            if (!inStorageNoise) kept.Add(line);
        }
        return $"--- last {Math.Min(lines, kept.Count)} lines of the host log (Azure.Core 'Error response' warnings left out) ---\n" +
               string.Join('\n', kept.Skip(Math.Max(0, kept.Count - lines)));
    }

    public void Dispose()
    {
        foreach (var start in starts) start.Dispose();
        http.Dispose();
    }

    /// <summary>local.settings.json's values from the sample, with Azurite's default account replaced by this test's Azurite.</summary>
    private static Dictionary<string, string> SampleSettings(string storageConnectionString)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(
            setting => setting.Name,
            setting => setting.Value.GetString() is var value && string.Equals(value, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                ? storageConnectionString
                : value ?? "");
    }

    [GeneratedRegex(@"Executing 'Functions\.(?<function>\w+)' \(Reason='(?<reason>.*)', Id=(?<id>[0-9a-fA-F-]{36})\)")]
    private static partial Regex ExecutingLine();

    [GeneratedRegex(@"Executed 'Functions\.(?<function>\w+)' \((?<status>\w+), Id=(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex ExecutedLine();
}
