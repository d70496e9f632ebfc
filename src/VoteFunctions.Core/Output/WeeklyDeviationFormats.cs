using System.Globalization;
using System.Text;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>Every week with votes and why it is or is not an outlier: a table for people, CSV and JSON for machines.</summary>
public static class WeeklyDeviationFormats
{
    public static string Format(IReadOnlyList<WeekDeviation> weeks, string format) => format switch
    {
        "table" => ToTable(weeks),
        "csv" => ToCsv(weeks),
        "json" => ToJson(weeks),
        _ => throw new ArgumentException($"unknown format '{format}': use one of {string.Join(", ", OutlierWeekFormats.Names)}", nameof(format)),
    };

    /// <summary>
    /// Exactly a Year,WeekNumber,VoteCount,MeanVotes,Deviation,IsOutlier header and one line per week,
    /// '\n' line ends; doubles in their shortest round-trip form, IsOutlier as true or false.
    /// </summary>
    public static string ToCsv(IReadOnlyList<WeekDeviation> weeks)
    {
        var csv = new StringBuilder("Year,WeekNumber,VoteCount,MeanVotes,Deviation,IsOutlier\n");
        foreach (var w in weeks)
            csv.Append(CultureInfo.InvariantCulture, $"{w.Year},{w.WeekNumber},{w.VoteCount},{w.MeanVotes:R},{w.Deviation:R},{(w.IsOutlier ? "true" : "false")}\n");
        return csv.ToString();
    }

    /// <summary>[{"year":2022,"weekNumber":0,"voteCount":1,"meanVotes":1.77…,"deviation":0.4375,"isOutlier":true}, ...] and a newline.</summary>
    public static string ToJson(IReadOnlyList<WeekDeviation> weeks) => JsonSerializer.Serialize(weeks, OutlierWeekFormats.Json) + "\n";

    /// <summary>A header line with the mean and the band, then one row per week, outliers marked.</summary>
    public static string ToTable(IReadOnlyList<WeekDeviation> weeks)
    {
        if (weeks.Count == 0) return "No weeks with votes (the warehouse has no votes).\n";
        var mean = weeks[0].MeanVotes;
        var outliers = weeks.Count(w => w.IsOutlier);
        var header = string.Create(CultureInfo.InvariantCulture,
            $"Mean {mean:N2} votes a week; band 0.8x to 1.2x the mean: {0.8 * mean:N2} to {1.2 * mean:N2} votes; a week outside it is an outlier\n\n");
        // Signed, so that a reader sees whether a week is above or below the mean; Deviation in CSV and JSON is its absolute value.
        var rows = weeks.Select(w => new[]
        {
            w.Year.ToString(CultureInfo.InvariantCulture),
            w.WeekNumber.ToString(CultureInfo.InvariantCulture),
            w.VoteCount.ToString("N0", CultureInfo.InvariantCulture),
            (w.VoteCount / w.MeanVotes - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture),
            w.IsOutlier ? "outlier" : "",
        }).ToList();
        return header
            + TextTable.Render(["Year", "WeekNumber", "VoteCount", "vs mean", "Outlier"], rows, rightAligned: [true, true, true, true, false])
            + string.Create(CultureInfo.InvariantCulture, $"{weeks.Count} week{(weeks.Count == 1 ? "" : "s")} with votes, {outliers} outlier{(outliers == 1 ? "" : "s")}\n");
    }
}
