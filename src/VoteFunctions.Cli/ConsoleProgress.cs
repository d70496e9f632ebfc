using System.Globalization;
using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Cli;

/// <summary>
/// Progress of one ingest on stderr: a line rewritten in place on a terminal; when stderr is a
/// file or a pipe, one line per stage, and only for files large enough to take a while.
/// </summary>
internal sealed class ConsoleProgress : IProgress<IngestProgress>
{
    private const long LargeFileBytes = 32 << 20;
    private readonly bool interactive = !Console.IsErrorRedirected;
    private string lastStage = "";
    private DateTime lastDraw = DateTime.MinValue;
    private bool drawn;

    public void Report(IngestProgress value)
    {
        if (value.Total < LargeFileBytes && !interactive) return;
        if (interactive)
        {
            if (DateTime.UtcNow - lastDraw < TimeSpan.FromMilliseconds(100) && value.Stage == lastStage) return;
            lastDraw = DateTime.UtcNow;
            var percent = value.Total > 0 ? $" {Math.Min(100, 100.0 * value.Done / value.Total):N0}%" : "";
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{value.FileName}: {value.Stage}{percent} of {value.Total / 1e6:N1} MB   "));
            drawn = true;
        }
        else if (value.Stage != lastStage)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.FileName}: {value.Stage} ({value.Total / 1e6:N1} MB)"));
        }
        lastStage = value.Stage;
    }

    public void Clear()
    {
        if (drawn) Console.Error.Write("\r" + new string(' ', Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 79) + "\r");
    }
}
