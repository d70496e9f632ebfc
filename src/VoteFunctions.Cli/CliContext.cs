using System.CommandLine;
using System.CommandLine.Parsing;
using VoteFunctions.Cli.Terminal;
using VoteFunctions.Cli.Reading;
using VoteFunctions.Core;

namespace VoteFunctions.Cli;

/// <summary>
/// What the commands share: the options they have in common, how they open the warehouse, and how
/// their work is run (signals, exit codes).
/// </summary>
internal sealed class CliContext(ShutdownSignals signals)
{
    public const string DefaultWarehouse = "warehouse.db";

    public Option<string> Warehouse { get; } = NewWarehouseOption();

    public static readonly string[] FormatNames = ["table", "csv", "json"];

    public Option<string> Format { get; } = NewFormatOption();

    /// <summary>Prints a result in the format asked for: a table for people (the default), CSV or JSON for machines.</summary>
    public static void Print(string format, Action table, Action csv, Action json)
    {
        switch (format)
        {
            case "csv": csv(); break;
            case "json": json(); break;
            default: table(); break;
        }
    }

    /// <summary>A command's action: its work runs with the signals' cancellation and ends in an exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, CancellationToken, Task<int>> work) =>
        (result, _) => CommandRunner.Run(signals, cancel => work(result, cancel));

    /// <summary>Opens the warehouse, creating it if needed (for commands that write).</summary>
    public Warehouse Open(ParseResult result) => Core.Warehouse.Open(result.GetValue(Warehouse)!, WarehouseOptions());

    /// <summary>Opens a warehouse that must exist (for commands that only read).</summary>
    public Warehouse OpenExisting(ParseResult result) => Core.Warehouse.OpenExisting(result.GetValue(Warehouse)!, WarehouseOptions());

    /// <summary>
    /// How the test host (tests/VoteFunctions.PausingCli) pauses an ingest before its commit, given
    /// the signals' token; unset in the shipped tool.
    /// </summary>
    internal static Func<WarehouseOptions, CancellationToken, WarehouseOptions>? AdjustWarehouseOptions { get; set; }
    public const string AppVariable = "VOTES_APP_URL";
    public const string KeyVariable = "VOTES_APP_KEY";

    // No default values from the environment: help would print them, the key included.
    public Option<string?> App { get; } = new("--app")
    {
        Description = $"Read a running Functions app instead of a warehouse file: its address, such as http://127.0.0.1:7071 (default: the {AppVariable} environment variable)",
        HelpName = "URL",
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"The app's function key, for --app (default: the {KeyVariable} environment variable)",
        HelpName = "KEY",
    };

    /// <summary>
    /// Gives a reading command the choice of a warehouse file (--warehouse) or a running app
    /// (--app, or VOTES_APP_URL, with --key or VOTES_APP_KEY). An explicit --warehouse wins over
    /// VOTES_APP_URL; --app and --warehouse together, --key without an app, or an address that is
    /// not http(s) are bad arguments.
    /// </summary>
    public Command Reading(Command command)
    {
        command.Add(Warehouse);
        command.Add(App);
        command.Add(Key);
        command.Validators.Add(result =>
        {
            var warehouseGiven = result.GetResult(Warehouse) is { Implicit: false };
            var appGiven = result.GetValue(App) is not null;
            var app = AppAddress(result.GetValue(App), warehouseGiven);
            if (warehouseGiven && appGiven)
                result.AddError("--app and --warehouse name two warehouses: give one");
            else if (app is not null && !IsHttpAddress(app))
                result.AddError($"{(appGiven ? "--app" : AppVariable)} must be the app's http or https address, such as http://127.0.0.1:7071, not '{app}'");
            else if (result.GetValue(Key) is not null && app is null)
                result.AddError($"--key is the function key of an app: give it with --app URL (or {AppVariable})");
        });
        return command;
    }

    /// <summary>
    /// Opens what a reading command reads: the running app of --app (or VOTES_APP_URL, unless
    /// --warehouse is given), else the warehouse file, which must exist. A file held by another
    /// process is an error that says how to read it through the app.
    /// </summary>
    public IReadableWarehouse OpenForReading(ParseResult result, CancellationToken cancel)
    {
        if (AppAddress(result.GetValue(App), result.GetResult(Warehouse) is { Implicit: false }) is { } app)
            return new RunningApp(new Uri(app), result.GetValue(Key) ?? Environment.GetEnvironmentVariable(KeyVariable), cancel);
        try
        {
            return new WarehouseFile(OpenExisting(result));
        }
        catch (WarehouseException e) when (e.InUseByAnotherProcess)
        {
            throw new WarehouseException($"{e.Message}; if a running Functions app holds it, read it through the app: --app URL (or {AppVariable})", e);
        }
    }

    /// <summary>The app to read: --app, else VOTES_APP_URL unless --warehouse names a file; null for the file.</summary>
    private static string? AppAddress(string? appOption, bool warehouseGiven) =>
        appOption ?? (warehouseGiven ? null : Environment.GetEnvironmentVariable(AppVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    private static bool IsHttpAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    // The memory limit comes from the same setting as the Functions app's; repairs after a crash
    // are told on stderr.
    private WarehouseOptions WarehouseOptions()
    {
        var options = new WarehouseOptions
        {
            MemoryLimit = Environment.GetEnvironmentVariable("WarehouseMemoryLimit") is { Length: > 0 } limit ? limit : Core.WarehouseOptions.DefaultMemoryLimit,
            Log = ErrorLine.Write,
        };
        return AdjustWarehouseOptions?.Invoke(options, signals.Token) ?? options;
    }

    private static Option<string> NewWarehouseOption()
    {
        var option = new Option<string>("--warehouse", "-w")
        {
            Description = "The DuckDB warehouse file",
            DefaultValueFactory = _ => DefaultWarehouse,
        };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--warehouse is empty: give a file name, such as warehouse.db");
        });
        return option;
    }

    private static Option<string> NewFormatOption()
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: table, csv or json",
            DefaultValueFactory = _ => "table",
            CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant(),
        };
        option.Validators.Add(result =>
        {
            var format = result.GetValueOrDefault<string>();
            if (!FormatNames.Contains(format)) result.AddError($"unknown format '{format}': use table, csv or json");
        });
        return option;
    }

    /// <summary>An argument that names a file or a folder: an empty one is a bad argument, not an error of the file system.</summary>
    public static Argument<string> PathArgument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError($"the {name} is empty: give its name");
        });
        return argument;
    }

    /// <summary>Adds a check of an option's value, such as a range, made only on a value that parsed (see <see cref="TryGetValue"/>).</summary>
    public static void Check<T>(Option<T> option, Func<T, bool> isValid, string requirement) =>
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value) && !isValid(value)) result.AddError($"{option.Name} {requirement}");
        });

    /// <summary>
    /// An option's value in a validator, false when it does not parse. System.CommandLine 2.0 runs
    /// validators before it converts the values, and reading a value that does not parse
    /// ("--rows abc") throws instead of returning (dotnet/command-line-api#2645); that read has
    /// recorded System.CommandLine's own parse error ("Cannot parse argument 'abc' for option
    /// '--rows' as expected type ..."), which is then the one reported.
    /// </summary>
    public static bool TryGetValue<T>(OptionResult? result, out T value)
    {
        value = default!;
        if (result is null) return false;
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The vote files argument: at least one; a value that looks like an option is a mistyped option.</summary>
    public static Argument<string[]> VoteFiles(string description = "JSON Lines vote files (.jsonl, or gzip-compressed .jsonl.gz)")
    {
        var argument = new Argument<string[]>("file") { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
                if (value.StartsWith('-') && value.Length > 1) result.AddError($"unknown option '{value}'");
        });
        return argument;
    }

    /// <summary>Examples of each command, printed after its --help text (see <see cref="HelpWithExamples"/>).</summary>
    public Dictionary<Command, string[]> Examples { get; } = [];

    /// <summary>A command with examples for its --help.</summary>
    public Command WithExamples(Command command, params string[] examples)
    {
        Examples[command] = examples;
        return command;
    }
}
