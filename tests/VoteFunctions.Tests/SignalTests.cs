using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VoteFunctions.Tests;

/// <summary>
/// A real signal to a real CLI process in the middle of an ingest (paused with every row written
/// and nothing committed): the ingest is rolled back, no temporary file is left, and the process
/// says so and exits with 128 + the signal's number.
/// </summary>
public sealed partial class SignalTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Theory]
    [InlineData(2, "Ctrl+C", 130)]   // SIGINT
    [InlineData(15, "SIGTERM", 143)]
    [InlineData(1, "SIGHUP", 129)]
    public async Task A_signal_rolls_the_ingest_back_deletes_temporary_files_and_exits_with_its_code(int signal, string name, int exitCode)
    {
        var input = folder.PathOf("votes.jsonl");
        new VoteFileGenerator { Rows = 20_000, Seed = 4, BadLineRate = 0.01 }.WriteTo(input);
        var temporary = Directory.CreateDirectory(folder.PathOf("tmp")).FullName;
        var start = CliRunner.PausingBeforeCommit(TimeSpan.FromSeconds(60), folder.PathOf(""), "ingest", input);
        start.Environment["TMPDIR"] = temporary;

        using var process = Process.Start(start)!;
        var paused = new TaskCompletionSource();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.Contains("paused before commit")) paused.TrySetResult();
        };
        process.BeginErrorReadLine();
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, Kill(process.Id, signal));
        // The pause lasts 60 s: a process still running after 45 s did not act on the signal.
        if (!process.WaitForExit(TimeSpan.FromSeconds(45)))
        {
            process.Kill();
            lock (stderr) Assert.Fail($"still running 45 s after {name}; its stderr: {stderr}");
        }
        await process.WaitForExitAsync(); // the rest of its stderr

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal($"votes: paused before commit\nvotes: cancelled by {name}; the files being ingested were rolled back\n", stderr.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(temporary));
        using var warehouse = Warehouse.Open(folder.PathOf("warehouse.db"));
        Assert.Empty(warehouse.ListIngestedFiles());
        Assert.Equal(0, new TestWarehouse.Reader(warehouse.DatabasePath).Query("SELECT count(*) FROM blog_analysis.votes")[0][0] is "0" ? 0 : 1);
    }
}
