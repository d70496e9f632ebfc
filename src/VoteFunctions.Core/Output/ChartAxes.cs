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

    /// <summary>The time axis: a line at the 1st of January of years, the years' names, and the months' on a short span.</summary>
    public sealed record TimeAxis(IReadOnlyList<DateOnly> YearStarts, IReadOnlyList<(double Day, string Name)> Years, IReadOnlyList<(DateOnly Day, string Name)> Months);

    /// <summary>
    /// The time axis over the days <paramref name="first"/> to <paramref name="last"/>, drawn
    /// <paramref name="pixelsPerDay"/> wide a day. When a year is wide enough for its name, each
    /// year is named in the middle of the part of it that is shown; over centuries, where a year is
    /// a pixel or less, round years are named where they start. Only every 2nd, 5th, 10th... year is
    /// named when names would crowd, and the lines at years' starts thin out the same way. On a
    /// span of two years or less the months are named too, at their 1st day. Works from year 1 to
    /// 9999, the range of a vote's date.
    /// </summary>
    public static TimeAxis TimeTicks(DateOnly first, DateOnly last, double pixelsPerDay)
    {
        const double PixelsPerName = 48, PixelsPerLine = 8;
        var pixelsPerYear = 365.25 * pixelsPerDay;
        var nameStep = YearStep(PixelsPerName / pixelsPerYear);
        var lineStep = YearStep(PixelsPerLine / pixelsPerYear);
        var namedInTheMiddle = pixelsPerYear >= PixelsPerName * 0.75;
        var yearStarts = new List<DateOnly>();
        var years = new List<(double, string)>();
        for (var year = first.Year; year <= last.Year; year++)
        {
            var january1 = new DateOnly(year, 1, 1);
            if (january1 > first && year % lineStep == 0) yearStarts.Add(january1);
            if (year % nameStep != 0) continue;
            var name = year.ToString(CultureInfo.InvariantCulture);
            if (!namedInTheMiddle)
            {
                if (january1 > first) years.Add((january1.DayNumber, name));
                continue;
            }
            // Day numbers of the shown part's first day and of the day after its last.
            var (from, to) = (Math.Max(first.DayNumber, january1.DayNumber), Math.Min(last.DayNumber, new DateOnly(year, 12, 31).DayNumber) + 1);
            if ((to - from) * pixelsPerDay >= PixelsPerName * 0.75) years.Add(((from + to) / 2.0, name));
        }
        var months = new List<(DateOnly, string)>();
        // Counted in months rather than with AddMonths, which fails past December 9999.
        if (last.DayNumber - first.DayNumber <= 2 * 366)
            for (var index = first.Year * 12 + first.Month - 1; index <= last.Year * 12 + last.Month - 1; index++)
                if (new DateOnly(index / 12, index % 12 + 1, 1) is var month && month > first && month.Month != 1)
                    months.Add((month, CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month.Month)));
        return new TimeAxis(yearStarts, years, months);
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, ... years that is at least <paramref name="years"/>.</summary>
    private static int YearStep(double years)
    {
        for (var power = 1; ; power *= 10)
            foreach (var multiple in (int[])[1, 2, 5])
                if (multiple * power >= years || power >= 10_000) return multiple * power;
    }
}
