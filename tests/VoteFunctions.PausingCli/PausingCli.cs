using VoteFunctions.Cli;

/// <summary>
/// `votes`, paused before each ingest commits: `VoteFunctions.PausingCli MILLISECONDS &lt;votes arguments&gt;`.
/// It says "votes: paused before commit" on stderr and waits, until the pause ends or a signal
/// arrives, with every row written and nothing committed: where a test kills or signals it.
/// </summary>
public static class PausingCli
{
    public static Task<int> Main(string[] args)
    {
        var pause = TimeSpan.FromMilliseconds(int.Parse(args[0]));
        CliContext.AdjustWarehouseOptions = (options, signals) => options with
        {
            BeforeCommit = () =>
            {
                Console.Error.WriteLine("votes: paused before commit");
                signals.WaitHandle.WaitOne(pause);
            },
        };
        return Program.Main(args[1..]);
    }
}
