using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace VoteFunctions.Cli;

/// <summary>System.CommandLine's --help text, then the command's examples.</summary>
internal sealed class HelpWithExamples(HelpAction help, IReadOnlyDictionary<Command, string[]> examples) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            Console.Out.WriteLine("Examples:\n" + string.Concat(lines.Select(line => "  " + line + "\n")));
        return exitCode;
    }

    /// <summary>Puts the examples into the help option of <paramref name="root"/>.</summary>
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, string[]> examples)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpWithExamples((HelpAction)option.Action!, examples);
    }
}
