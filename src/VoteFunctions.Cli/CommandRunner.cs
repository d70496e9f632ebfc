using VoteFunctions.Cli.Terminal;
using VoteFunctions.Core;

namespace VoteFunctions.Cli;

/// <summary>
/// Runs a command's work and turns its outcome into an exit code: 0 done; 1 a failure a user can
/// act on, as one line on stderr; 128 + the signal's number when stopped (<see cref="ShutdownSignals"/>);
/// 70 for a bug (anything unexpected), still in one line.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> Run(ShutdownSignals signals, Func<CancellationToken, Task<int>> work)
    {
        try
        {
            return await work(signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            ErrorLine.Write($"cancelled by {signals.Name}; the files being ingested were rolled back");
            return signals.ExitCode;
        }
        catch (WarehouseException e)
        {
            ErrorLine.Write(e.Message);
            return 1;
        }
        catch (Azure.RequestFailedException e)
        {
            ErrorLine.Write($"storage error {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}");
            return 1;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is Azure.RequestFailedException or HttpRequestException))
        {
            // The storage client's retries all failed: storage is not reachable.
            ErrorLine.Write($"cannot reach storage: {FirstLine(e.InnerExceptions[^1].Message)} (is Azurite running? scripts/azurite.sh)");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Whole: the message is one line, unless a name in it holds a newline, which is escaped.
            ErrorLine.Write(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            ErrorLine.Write($"unexpected error ({e.GetType().Name}): {FirstLine(e.Message)}");
            return 70;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
