using System.Globalization;
using System.Text;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>The outlier weeks for machines: CSV and JSON (tables for people are the CLI's).</summary>
public static class OutlierWeekFormats
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Exactly a Year,WeekNumber,VoteCount header and one line per week, '\n' line ends.</summary>
    public static string ToCsv(IReadOnlyList<OutlierWeek> weeks)
    {
        var csv = new StringBuilder("Year,WeekNumber,VoteCount\n");
        foreach (var week in weeks)
            csv.Append(CultureInfo.InvariantCulture, $"{week.Year},{week.WeekNumber},{week.VoteCount}\n");
        return csv.ToString();
    }

    /// <summary>[{"year":2022,"weekNumber":0,"voteCount":1}, ...] and a newline.</summary>
    public static string ToJson(IReadOnlyList<OutlierWeek> weeks) => JsonSerializer.Serialize(weeks, Json) + "\n";
}
