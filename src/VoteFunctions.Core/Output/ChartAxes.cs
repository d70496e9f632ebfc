using System.Globalization;

namespace VoteFunctions.Core.Output;

/// <summary>Where a chart's axes put their ticks: round vote counts, and years (with months on a short span).</summary>
internal static class ChartAxes
{
    /// <summary>Ticks from 0 to at least <paramref name="max"/>, about <paramref name="count"/> of them, at 1, 2 or 5 times a power of ten.</summary>
    public static IReadOnlyList<double> CountTicks(double max, int count = 6)
    {
        var step = NiceStep(Math.Max(max, 1) / count);
        var ticks = new List<double>();
        for (var i = 0; ticks.Count == 0 || ticks[^1] < max; i++) ticks.Add(i * step);
        return ticks;
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.First(m => m * power >= rough) * power;
        // Votes are whole: a step below 1 would label fractions of a vote.
        return Math.Max(step, 1);
    }

    /// <summary>The time axis: a line at each 1st of January, the years' names, and the months' on a short span.</summary>
    public sealed record TimeAxis(IReadOnlyList<DateOnly> YearStarts, IReadOnlyList<(double Day, string Name)> Years, IReadOnlyList<(DateOnly Day, string Name)> Months);

    /// <summary>
    /// The time axis over the days <paramref name="first"/> to <paramref name="last"/>, drawn
    /// <paramref name="pixelsPerDay"/> wide a day. Each year is named in the middle of the part of
    /// it that is shown, when that part is wide enough for the name; with many years only every
    /// 2nd, 5th, 10th... is named, so that names never crowd. On a span of two years or less the
    /// months are named too, at their 1st day.
    /// </summary>
    public static TimeAxis TimeTicks(DateOnly first, DateOnly last, double pixelsPerDay)
    {
        const double PixelsPerName = 48;
        var step = new[] { 1, 2, 5, 10, 20, 50, 100 }.First(s => s * 365 * pixelsPerDay >= PixelsPerName || s == 100);
        var yearStarts = new List<DateOnly>();
        var years = new List<(double, string)>();
        for (var year = first.Year; year <= last.Year; year++)
        {
            var january1 = new DateOnly(year, 1, 1);
            if (january1 > first) yearStarts.Add(january1);
            // Day numbers of the shown part's first day and of the day after its last.
            var (from, to) = (Math.Max(first.DayNumber, january1.DayNumber), Math.Min(last.DayNumber, january1.AddYears(1).DayNumber - 1) + 1);
            if (year % step == 0 && (to - from) * pixelsPerDay >= PixelsPerName * 0.75)
                years.Add(((from + to) / 2.0, year.ToString(CultureInfo.InvariantCulture)));
        }
        var months = new List<(DateOnly, string)>();
        if (last.DayNumber - first.DayNumber <= 2 * 366)
            for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
                if (month > first && month.Month != 1) months.Add((month, CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month.Month)));
        return new TimeAxis(yearStarts, years, months);
    }
}
