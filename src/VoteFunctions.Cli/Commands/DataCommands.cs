using System.CommandLine;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using VoteFunctions.Cli.Terminal;
using VoteFunctions.Core.Files;
using VoteFunctions.Core.Generation;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Storage;

namespace VoteFunctions.Cli.Commands;

/// <summary>Commands that make or move vote files without a warehouse: generate, upload.</summary>
internal static class DataCommands
{
    public static Command Generate(CliContext cli)
    {
        var output = CliContext.PathArgument("output", "The file to write (.jsonl, or .jsonl.gz to compress)");
        var rows = new Option<long>("--rows") { Description = "Number of lines (at least 1)", DefaultValueFactory = _ => 40_000 };
        var firstId = new Option<long>("--first-id") { Description = "The first vote's Id; the others follow it (at least 1)", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 2017 };
        var duplicates = new Option<double>("--duplicate-rate") { Description = "Fraction of lines repeating an earlier line, 0 to 1", DefaultValueFactory = _ => 0 };
        var bad = new Option<double>("--bad-rate") { Description = "Fraction of damaged lines, 0 to 1", DefaultValueFactory = _ => 0 };
        CliContext.Check(rows, value => value >= 1, "must be at least 1");
        CliContext.Check(firstId, value => value >= 1, "must be at least 1");
        // The Ids are 64-bit: the last one must fit. (The options are checked in order: --rows has its value, given or default.)
        firstId.Validators.Add(result =>
        {
            if (CliContext.TryGetValue(result, out long first) && CliContext.TryGetValue(result.GetResult(rows), out long count) && first >= 1 && count >= 1 && first - 1 > long.MaxValue - count)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--first-id {first} with --rows {count} would need Ids past {long.MaxValue}, the largest a vote can have"));
        });
        // Written so that NaN is refused too.
        foreach (var rate in new[] { duplicates, bad })
            CliContext.Check(rate, value => value is >= 0 and <= 1, "must be between 0 and 1");

        var command = cli.WithExamples(new Command("generate", "Write a realistic, reproducible vote file") { output, rows, firstId, seed, duplicates, bad },
            "votes generate big.jsonl --rows 2000000 --duplicate-rate 0.01 --bad-rate 0.0005",
            "votes generate more.jsonl.gz --rows 10000 --first-id 100001   # Ids 100001 on: new votes next to the bundled dataset's 1 to 39,786");
        command.SetAction(cli.Action((result, _) =>
        {
            var path = result.GetValue(output)!;
            new VoteFileGenerator
            {
                Rows = result.GetValue(rows),
                FirstId = result.GetValue(firstId),
                Seed = result.GetValue(seed),
                DuplicateRate = result.GetValue(duplicates),
                BadLineRate = result.GetValue(bad),
            }.WriteTo(path);
            Console.Out.WriteLine(DisplayText.Escape(string.Create(CultureInfo.InvariantCulture, $"{path}: {result.GetValue(rows):N0} lines, {new FileInfo(path).Length / 1e6:N1} MB")));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Upload(CliContext cli)
    {
        var files = CliContext.VoteFiles();
        var connection = new Option<string>("--connection")
        {
            Description = "Storage connection string (default: the VotesStorage environment variable, else Azurite)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VotesStorage") is { Length: > 0 } fromEnvironment ? fromEnvironment : VoteContainer.DefaultConnection,
        };
        var containerName = new Option<string>("--container") { Description = "Blob container", DefaultValueFactory = _ => VoteContainer.DefaultName };
        var command = cli.WithExamples(new Command("upload", "Upload vote files to the votes blob container, where the Functions app ingests them") { files, connection, containerName },
            "votes upload data/votes-2017-2021.jsonl.gz",
            "votes upload export.jsonl.gz --connection \"$STORAGE_CONNECTION_STRING\"");
        command.SetAction(cli.Action(async (result, cancel) =>
        {
            var inputs = result.GetValue(files)!.Select(InputFile.Inspect).ToList();
            var options = new BlobClientOptions();
            // A few quick attempts, each one said, rather than the default minute of silence.
            options.Retry.MaxRetries = 3;
            options.Retry.Delay = TimeSpan.FromSeconds(0.5);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            options.AddPolicy(new RetryNotice(), HttpPipelinePosition.PerRetry);
            var container = new VoteContainer(new BlobContainerClient(result.GetValue(connection), result.GetValue(containerName), options));
            foreach (var input in inputs)
            {
                await container.UploadAsync(input.Path, cancel);
                Console.Out.WriteLine(DisplayText.Escape($"{Path.GetFileName(input.Path)}: uploaded to {container.Client.Uri}"));
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Says on stderr when storage did not answer an attempt, before the client tries again.</summary>
    private sealed class RetryNotice : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException or TaskCanceledException && !message.CancellationToken.IsCancellationRequested)
            {
                ErrorLine.Write($"no answer from {message.Request.Uri.Host}:{message.Request.Uri.Port} ({e.Message.Split('\n')[0].Trim()}); trying again");
                throw;
            }
        }
    }
}
