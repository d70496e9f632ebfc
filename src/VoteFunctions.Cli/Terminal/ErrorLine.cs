using VoteFunctions.Core.Output;

namespace VoteFunctions.Cli.Terminal;

/// <summary>
/// A one-line message on stderr, "votes: ...". Messages quote names and values from the data and
/// the command line, so their control characters are escaped (<see cref="DisplayText"/>): a file
/// name with a newline cannot split the line, nor ESC recolour the terminal.
/// </summary>
internal static class ErrorLine
{
    public static void Write(string message) => Console.Error.WriteLine("votes: " + DisplayText.Escape(message));
}
