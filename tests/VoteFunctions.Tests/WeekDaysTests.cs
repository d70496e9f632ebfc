
namespace VoteFunctions.Tests;

public class WeekDaysTests
{
    [Fact]
    public void The_days_of_each_week_are_the_days_the_warehouse_puts_in_it_for_fourteen_years()
    {
        using var test = new TestWarehouse();
        // Every day from 2015 to 2028: years that start on each day of the week, leap years among them.
        var days = test.Query("""
            SELECT strftime(d, '%Y-%m-%d'), year(d), blog_analysis.week_number(d)
            FROM range(TIMESTAMP '2015-01-01', TIMESTAMP '2029-01-01', INTERVAL 1 DAY) AS t(d)
            """);

        var byWeek = days.GroupBy(r => (Year: int.Parse(r[1]), Week: int.Parse(r[2])), r => DateOnly.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(byWeek, week => Assert.Equal(new WeekDays(week.Min(), week.Max()), WeekDays.Of(week.Key.Year, week.Key.Week)));
        Assert.Equal(14 * 365 + 4, days.Count);
    }

    [Fact]
    public void Week_zero_is_the_days_before_the_first_monday_and_its_middle_is_between_them()
    {
        // 2022-01-01 is a Saturday: week 0 is the 1st and 2nd, week 1 starts Monday the 3rd.
        var week0 = WeekDays.Of(2022, 0);

        Assert.Equal((new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 2)), (week0.First, week0.Last));
        Assert.Equal(new DateOnly(2022, 1, 2).DayNumber, week0.Middle);
        Assert.Equal(new DateOnly(2022, 1, 3), WeekDays.Of(2022, 1).First);
    }

    [Fact]
    public void The_weeks_at_both_ends_of_the_date_range_end_within_it()
    {
        // 9999-12-27 is a Monday: week 52 of 9999 is its last five days.
        Assert.Equal(new WeekDays(new DateOnly(9999, 12, 27), new DateOnly(9999, 12, 31)), WeekDays.Of(9999, 52));
        // 0001-01-01 is a Monday: it starts week 1.
        Assert.Equal(new WeekDays(new DateOnly(1, 1, 1), new DateOnly(1, 1, 7)), WeekDays.Of(1, 1));
    }
}
