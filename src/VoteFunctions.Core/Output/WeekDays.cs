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
        // In day numbers, cut to the year before they become dates: the last week of 9999 would
        // otherwise end past the last day a DateOnly can hold.
        var january1 = new DateOnly(year, 1, 1).DayNumber;
        var december31 = new DateOnly(year, 12, 31).DayNumber;
        var firstMonday = january1 + ((int)DayOfWeek.Monday - (int)DateOnly.FromDayNumber(january1).DayOfWeek + 7) % 7;
        var first = weekNumber == 0 ? january1 : firstMonday + 7 * (weekNumber - 1);
        var last = firstMonday + 7 * weekNumber - 1;
        return new WeekDays(DateOnly.FromDayNumber(Math.Clamp(first, january1, december31)), DateOnly.FromDayNumber(Math.Clamp(last, january1, december31)));
    }

    /// <summary>The middle of the week's days, as a day number with a fraction (DateOnly.DayNumber + x).</summary>
    public double Middle => (First.DayNumber + Last.DayNumber + 1) / 2.0;
}
