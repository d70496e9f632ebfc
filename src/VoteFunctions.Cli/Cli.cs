using System.Globalization;
using VoteFunctions.Core;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Ingest;

namespace VoteFunctions.Cli;

internal static class Cli
{
    /// <summary>
    /// Runs a command and turns its outcome into an exit code: a failure a user can act on is one
    /// line on stderr and exit 1; a signal cancels it (see <see cref="ShutdownSignals"/>).
    /// </summary>
    public static async Task<int> Run(ShutdownSignals signals, Func<CancellationToken, Task<int>> command)
    {
        try
        {
            return await command(signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received is not null)
        {
            Console.Error.WriteLine($"votes: cancelled by {signals.Name}; the file being ingested was rolled back");
            return signals.ExitCode;
        }
        catch (WarehouseException e)
        {
            Console.Error.WriteLine($"votes: {e.Message}");
            return 1;
        }
        catch (Azure.RequestFailedException e)
        {
            Console.Error.WriteLine($"votes: storage error {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}");
            return 1;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is Azure.RequestFailedException or HttpRequestException))
        {
            // The storage client's retries all failed: storage is not reachable.
            Console.Error.WriteLine($"votes: cannot reach storage: {FirstLine(e.InnerExceptions[^1].Message)} (is Azurite running? npm run azurite)");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"votes: {FirstLine(e.Message)}");
            return 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"votes: unexpected error ({e.GetType().Name}): {FirstLine(e.Message)}");
            return 70;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// Checks every file first, so that a bad name among several fails before the first is
    /// ingested (and before a new warehouse file is created).
    /// </summary>
    public static IReadOnlyList<InputFile> InspectAll(IEnumerable<string> files) => files.Select(InputFile.Inspect).ToList();

    /// <summary>Ingests the files in order, one summary line each on <paramref name="summaries"/>.</summary>
    public static async Task IngestAll(Warehouse warehouse, IReadOnlyList<InputFile> files, TextWriter summaries, CancellationToken cancel)
    {
        foreach (var file in files)
        {
            var progress = new ConsoleProgress();
            var result = await warehouse.IngestFileAsync(file.Path, progress: progress, cancellationToken: cancel);
            progress.Clear();
            summaries.WriteLine(Summary(result));
        }
    }

    public static string Summary(IngestResult result) => result.AlreadyIngestedAs is { } earlier
        ? string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: already ingested as {earlier.FileName} at {earlier.IngestedAt:yyyy-MM-dd HH:mm:ss} UTC ({earlier.LinesRead:N0} lines); nothing changed")
        : string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: {result.LinesRead:N0} lines read, {result.Inserted:N0} inserted, {result.Duplicates:N0} duplicate, {result.Rejected:N0} rejected ({result.Elapsed.TotalSeconds:N1} s)")
          + (result.RejectedNotKept > 0 ? string.Create(CultureInfo.InvariantCulture, $", the first {IngestResult.MaxKeptRejections:N0} kept") : "")
          + (result.Rejected > 0 ? $"; see: votes rejects --file \"{result.FileName}\"" : "");
}
