using System.Diagnostics;

namespace VoteFunctions.Tests;

/// <summary>Runs the real command-line tool (votes.dll, built with the tests) as a child process.</summary>
public static class CliRunner
{
    public static string VotesDll => Path.Combine(AppContext.BaseDirectory, "votes.dll");

    // Set in a developer's shell, they would send every test's reading command to a running app.
    private static readonly string[] AppVariables = ["VOTES_APP_URL", "VOTES_APP_KEY"];

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args) => Start(workingDirectory, [VotesDll, .. args]);

    /// <summary>
    /// The tool as the test host runs it (tests/VoteFunctions.PausingCli): each ingest pauses before
    /// its commit for <paramref name="pause"/>, after saying "votes: paused before commit" on stderr.
    /// </summary>
    public static ProcessStartInfo PausingBeforeCommit(TimeSpan pause, string workingDirectory, params string[] args) =>
        Start(workingDirectory, [Path.Combine(AppContext.BaseDirectory, "VoteFunctions.PausingCli.dll"), ((int)pause.TotalMilliseconds).ToString(), .. args]);

    private static ProcessStartInfo Start(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in AppVariables) start.Environment.Remove(variable);
        return start;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs the tool with these environment variables set (besides the test process's own).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Run(start);
    }

    /// <summary>
    /// Runs a bash script, with $1... as <paramref name="args"/> and $VOTES as the command that runs
    /// the tool: for what only a shell gives, such as a file name of bytes that are not UTF-8
    /// ($'bad\xff.jsonl'), passed on as those bytes.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Shell(string workingDirectory, string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("bash");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["VOTES"] = $"dotnet {VotesDll}";
        foreach (var variable in AppVariables) start.Environment.Remove(variable);
        return Run(start);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo start)
    {
        var args = start.ArgumentList;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"votes {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
