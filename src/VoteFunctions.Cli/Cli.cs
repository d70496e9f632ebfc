using System.Globalization;
using VoteFunctions.Core;

namespace VoteFunctions.Cli;

internal static class Cli
{
    /// <summary>Runs a command: a failure a user can act on is one line on stderr and exit code 1.</summary>
    public static async Task<int> Run(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (WarehouseException e)
        {
            Console.Error.WriteLine($"votes: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("votes: cancelled; the file being ingested was rolled back");
            return 130;
        }
        catch (Azure.RequestFailedException e)
        {
            Console.Error.WriteLine($"votes: storage error {e.Status} {e.ErrorCode}: {e.Message.Split('\n')[0]}");
            return 1;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is Azure.RequestFailedException or System.Net.Http.HttpRequestException))
        {
            // The storage client's retries all failed: storage is not reachable.
            Console.Error.WriteLine($"votes: cannot reach storage: {e.InnerExceptions[^1].Message.Split('\n')[0]} (is Azurite running? npm run azurite)");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"votes: {e.Message.Split('\n')[0]}");
            return 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"votes: unexpected error ({e.GetType().Name}): {e.Message.Split('\n')[0]}");
            return 70;
        }
    }

    /// <summary>
    /// Ingests the files in order, one summary line each. Every file is checked to exist first, so a
    /// typo in the last name does not leave the first files ingested and the rest not.
    /// </summary>
    public static async Task<int> IngestAll(Warehouse warehouse, IReadOnlyList<string> files, CancellationToken cancel)
    {
        RequireFiles(files, "ingest");
        foreach (var file in files)
        {
            var progress = new ConsoleProgress();
            var result = await warehouse.IngestFileAsync(file, progress: progress, cancellationToken: cancel);
            progress.Clear();
            Console.Out.WriteLine(Summary(result));
        }
        return 0;
    }

    public static void RequireFiles(IEnumerable<string> files, string verb)
    {
        foreach (var file in files)
        {
            if (Directory.Exists(file)) throw new WarehouseException($"cannot {verb} {file}: it is a folder");
            if (!File.Exists(file)) throw new WarehouseException($"cannot {verb} {file}: file not found");
        }
    }

    public static string Summary(IngestResult result) => result.AlreadyIngestedAs is { } earlier
        ? string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: already ingested as {earlier.FileName} at {earlier.IngestedAt:yyyy-MM-dd HH:mm:ss} UTC ({earlier.LinesRead:N0} lines); nothing changed")
        : string.Create(CultureInfo.InvariantCulture,
            $"{result.FileName}: {result.LinesRead:N0} lines read, {result.Inserted:N0} inserted, {result.Duplicates:N0} duplicate, {result.Rejected:N0} rejected ({result.Elapsed.TotalSeconds:N1} s)")
          + (result.Rejected > 0 ? $"; see: votes rejects --file \"{result.FileName}\"" : "");

    public static string FormatRejects(IReadOnlyList<RejectedLine> lines, string format)
    {
        switch (format)
        {
            case "json":
                return System.Text.Json.JsonSerializer.Serialize(lines, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
            case "csv":
                var csv = new System.Text.StringBuilder("FileName,LineNumber,Reason,RawText\n");
                foreach (var line in lines)
                    csv.Append(CultureInfo.InvariantCulture, $"{Quote(line.FileName)},{line.LineNumber},{Quote(line.Reason)},{Quote(line.RawText ?? "")}\n");
                return csv.ToString();
            default:
                if (lines.Count == 0) return "No rejected lines.\n";
                var rows = lines.Select(l => new[] { l.FileName, l.LineNumber.ToString(CultureInfo.InvariantCulture), l.Reason, Shorten(l.RawText ?? "", 60) }).ToList();
                return TextTable.Render(["File", "Line", "Reason", "Raw text"], rows, [false, true, false, false]) + $"{lines.Count} rejected lines\n";
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Shorten(string text, int length)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
