using System.Globalization;
using System.Text;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>Every week with votes and why it is or is not an outlier, for machines: CSV and JSON (the table for people is the CLI's).</summary>
public static class WeeklyDeviationFormats
{
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
}
