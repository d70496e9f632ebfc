namespace VoteFunctions.Core.Output;

/// <summary>
/// The days of a (Year, WeekNumber) bucket, by the warehouse's week rule (strftime's %W: weeks
/// start on Monday, the days of January before the first Monday are week 0), so that a chart
/// can put each week where it is in time. Week 0 and the last week of a year are cut at the
/// year's ends, as the rule cuts them.
/// </summary>
public readonly record struct WeekDays(DateOnly First, DateOnly Last)
{
    public static WeekDays Of(int year, int weekNumber)
    {
        var january1 = new DateOnly(year, 1, 1);
        var firstMonday = january1.AddDays(((int)DayOfWeek.Monday - (int)january1.DayOfWeek + 7) % 7);
        var first = weekNumber == 0 ? january1 : firstMonday.AddDays(7 * (weekNumber - 1));
        var last = firstMonday.AddDays(7 * weekNumber - 1);
        var december31 = new DateOnly(year, 12, 31);
        return new WeekDays(first, last > december31 ? december31 : last);
    }

    /// <summary>The middle of the week's days, as a day number with a fraction (DateOnly.DayNumber + x).</summary>
    public double Middle => (First.DayNumber + Last.DayNumber + 1) / 2.0;
}
