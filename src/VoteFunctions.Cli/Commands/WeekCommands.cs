using System.CommandLine;
using VoteFunctions.Cli.Terminal;
using VoteFunctions.Core.Output;

namespace VoteFunctions.Cli.Commands;

/// <summary>Why a week is an outlier: `votes weeks` (every week, its deviation) and `votes chart`.</summary>
internal static class WeekCommands
{
    public static Command Weeks(CliContext cli)
    {
        var command = cli.WithExamples(cli.Reading(new Command("weeks", "Recreate the view blog_analysis.weekly_deviation and print every week: count, mean, deviation, outlier or not") { cli.Format }),
            "votes weeks",
            "votes weeks -f csv > weeks.csv",
            "votes weeks --app http://127.0.0.1:7071");
        command.SetAction(cli.Action((result, cancel) =>
        {
            using var warehouse = cli.OpenForReading(result, cancel);
            var weeks = warehouse.ReadWeeklyDeviation();
            CliContext.Print(result.GetValue(cli.Format)!, () => Tables.WeeklyDeviation(weeks),
                () => Console.Out.Write(WeeklyDeviationFormats.ToCsv(weeks)), () => Console.Out.Write(WeeklyDeviationFormats.ToJson(weeks)));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Chart(CliContext cli)
    {
        var output = new Option<string>("--output", "-o") { Description = "The file to write: .svg for the image, .html for a page with it", Required = true };
        output.Validators.Add(result =>
        {
            if (!ChartFile.IsSupported(result.GetValueOrDefault<string>())) result.AddError($"{ChartFile.Expected}, not '{result.GetValueOrDefault<string>()}'");
        });
        var command = cli.WithExamples(cli.Reading(new Command("chart", "Draw the weekly vote counts with the mean, the 0.8x-1.2x band and the outlier weeks (.svg or .html)") { output }),
            "votes chart -o weeks.html",
            "votes chart -o weeks.svg -w /data/warehouse.db",
            "votes chart -o weeks.html --app http://127.0.0.1:7071");
        command.SetAction(cli.Action((result, cancel) =>
        {
            using var warehouse = cli.OpenForReading(result, cancel);
            Console.Out.WriteLine(ChartFile.Write(warehouse.ReadWeeklyDeviation(), result.GetValue(output)!));
            return Task.FromResult(0);
        }));
        return command;
    }
}
