using System.Diagnostics;
using System.Text;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>What a run of the command-line tool printed.</summary>
internal sealed record CliResult(int ExitCode, byte[] StandardOutput, string StandardError)
{
    public string Text => Encoding.UTF8.GetString(StandardOutput);
}

/// <summary>The real command-line tool (votes.dll, built with the suite), run as a process.</summary>
internal static class VotesCli
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Runs <c>votes ARGS</c> in <paramref name="workingFolder"/>; fails the test unless it exits with 0.</summary>
    public static async Task<CliResult> RunAsync(string workingFolder, params string[] args)
    {
        var result = await RunAllowingFailureAsync(workingFolder, new Dictionary<string, string>(), args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"votes {string.Join(' ', args)} exited with {result.ExitCode}: {result.StandardError}{result.Text}");
        return result;
    }

    /// <summary>
    /// Runs <c>votes ARGS</c> with these environment variables set (and VOTES_APP_URL and
    /// VOTES_APP_KEY only if given here: from the suite's own environment they would send the
    /// commands to another app); returns what it did, whatever its exit code.
    /// </summary>
    public static async Task<CliResult> RunAllowingFailureAsync(string workingFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingFolder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "votes.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("VOTES_APP_URL");
        start.Environment.Remove("VOTES_APP_KEY");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var command = "votes " + string.Join(' ', args);
        using var cli = ChildProcess.StartKeepingOutputBytes(command, start);
        if (!await cli.WaitForExitAsync(Deadline))
            throw new TimeoutException($"{command} did not finish within {Deadline.TotalMinutes} minutes");
        return new CliResult(cli.ExitCode, await cli.StandardOutputBytes, cli.Tail(50));
    }
}
