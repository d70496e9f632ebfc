using System.CommandLine;
using VoteFunctions.Cli.Terminal;

namespace VoteFunctions.Cli.Commands;

/// <summary>`votes help [command]`: the same text as `votes [command] --help`.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var topic = new Argument<string?>("command") { Description = "The command to explain", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show help for votes or for one of its commands") { topic };
        command.SetAction(result =>
        {
            var name = result.GetValue(topic);
            if (name is not null && root.Subcommands.All(c => c.Name != name))
            {
                ErrorLine.Write(Program.UnknownCommand(root, name));
                return 2;
            }
            return root.Parse(name is null ? ["--help"] : [name, "--help"]).Invoke();
        });
        return command;
    }
}
