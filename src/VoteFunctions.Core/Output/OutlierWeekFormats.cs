using System.Globalization;
using System.Text;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>The outlier weeks as text: a table for people, CSV and JSON for machines.</summary>
public static class OutlierWeekFormats
{
    public static readonly string[] Names = ["table", "csv", "json"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Format(IReadOnlyList<OutlierWeek> weeks, string format) => format switch
    {
        "table" => ToTable(weeks),
        "csv" => ToCsv(weeks),
        "json" => ToJson(weeks),
        _ => throw new ArgumentException($"unknown format '{format}': use one of {string.Join(", ", Names)}", nameof(format)),
    };

    /// <summary>Exactly a Year,WeekNumber,VoteCount header and one line per week, '\n' line ends.</summary>
    public static string ToCsv(IReadOnlyList<OutlierWeek> weeks)
    {
        var csv = new StringBuilder("Year,WeekNumber,VoteCount\n");
        foreach (var week in weeks)
            csv.Append(CultureInfo.InvariantCulture, $"{week.Year},{week.WeekNumber},{week.VoteCount}\n");
        return csv.ToString();
    }

    /// <summary>[{"year":2022,"weekNumber":0,"voteCount":1}, ...]</summary>
    public static string ToJson(IReadOnlyList<OutlierWeek> weeks) => JsonSerializer.Serialize(weeks, Json);

    public static string ToTable(IReadOnlyList<OutlierWeek> weeks)
    {
        if (weeks.Count == 0) return "No outlier weeks (the warehouse has no votes, or no week is more than 20% from the mean).\n";
        var rows = weeks.Select(w => new[] { w.Year.ToString(CultureInfo.InvariantCulture), w.WeekNumber.ToString(CultureInfo.InvariantCulture), w.VoteCount.ToString("N0", CultureInfo.InvariantCulture) }).ToList();
        return TextTable.Render(["Year", "WeekNumber", "VoteCount"], rows, rightAligned: [true, true, true])
            + $"{weeks.Count} outlier week{(weeks.Count == 1 ? "" : "s")}\n";
    }
}
