using VoteFunctions.Core.Output;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli;

/// <summary>votes chart: the weekly chart written as an SVG image or as an HTML page, chosen by the file's extension.</summary>
internal static class ChartFile
{
    public const string Expected = "the chart file must end in .svg or .html";

    public static bool IsSupported(string? path) => Extension(path) is ".svg" or ".html";

    /// <summary>Writes the chart and returns the line to print about it.</summary>
    public static string Write(IReadOnlyList<WeekDeviation> weeks, string path)
    {
        File.WriteAllText(path, Extension(path) == ".svg" ? WeeklyChart.Svg(weeks) : WeeklyChart.Html(weeks));
        return DisplayText.Escape($"{path}: {WeeklyChart.Summary(weeks)}");
    }

    private static string Extension(string? path) => Path.GetExtension(path ?? "").ToLowerInvariant();
}
