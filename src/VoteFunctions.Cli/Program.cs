using System.CommandLine;
using System.Globalization;
using VoteFunctions.Cli;
using VoteFunctions.Cli.Commands;
using VoteFunctions.Cli.Terminal;

/// <summary>The `votes` command-line tool over VoteFunctions.Core.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Numbers on the command line are read one way whatever the locale: under de_DE,
        // "--bad-rate 0.5" was read as 5, and "0,5" as a half. The tool speaks English throughout.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        using var signals = new ShutdownSignals();
        var root = Commands(new CliContext(signals));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            var command = parsed.CommandResult.Command;
            // System.CommandLine's message, on one line, and where the command's help is.
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            ErrorLine.Write(args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0])
                ? UnknownCommand(root, args[0])
                : $"{message} (see votes help{(command == root ? "" : " " + command.Name)})");
            return 2;
        }
        // Signals are handled by ShutdownSignals, not by System.CommandLine.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>The commands, with their help and examples.</summary>
    internal static RootCommand Commands(CliContext cli)
    {
        var root = new RootCommand("votes: a DuckDB warehouse of blog votes and their outlier weeks. `votes help <command>` explains one.")
        {
            IngestCommands.Ingest(cli),
            QueryCommands.Outliers(cli),
            WeekCommands.Weeks(cli),
            WeekCommands.Chart(cli),
            IngestCommands.Run(cli),
            QueryCommands.Rejects(cli),
            QueryCommands.Files(cli),
            DataCommands.Generate(cli),
            DataCommands.Upload(cli),
            QueryCommands.Export(cli),
        };
        root.Add(HelpCommand.Create(root));
        HelpWithExamples.Install(root, cli.Examples);
        return root;
    }

    internal static string UnknownCommand(RootCommand root, string name) =>
        $"unknown command '{name}'; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))} (see votes help)";
}
