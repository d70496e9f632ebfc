namespace VoteFunctions.Tests;

public class WeekRuleTests
{
    [Theory]
    [InlineData("2017-01-01T12:00:00.000", 2017, 0)]  // Sunday before the first Monday
    [InlineData("2017-01-02T00:00:00.000", 2017, 1)]  // the first Monday starts week 1
    [InlineData("2018-01-01T00:00:00.000", 2018, 1)]  // a year that starts on Monday has no week 0
    [InlineData("2018-12-31T23:59:59.999", 2018, 53)] // Monday: week 53, not ISO week 1 of 2019
    [InlineData("2019-01-01T00:00:00.000", 2019, 0)]  // Tuesday
    [InlineData("2020-12-31T00:00:00.000", 2020, 52)]
    [InlineData("2021-01-03T00:00:00.000", 2021, 0)]  // Sunday: week 0, not ISO week 53 of 2020
    [InlineData("2021-01-04T00:00:00.000", 2021, 1)]
    [InlineData("2022-01-02T00:00:00.000", 2022, 0)]  // the SPEC's example
    [InlineData("2024-12-30T00:00:00.000", 2024, 53)] // leap year ending on a Tuesday
    public async Task A_vote_is_counted_in_the_calendar_year_and_monday_based_week(string creationDate, int year, int week)
    {
        using var test = new TestWarehouse();
        await test.IngestText("one.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, creationDate)));

        Assert.Equal([[year.ToString(), week.ToString(), "1"]], test.Query("SELECT Year, WeekNumber, VoteCount FROM blog_analysis.weekly_vote_counts"));
    }

    [Fact]
    public async Task Every_day_of_ten_years_gets_the_week_of_an_independent_implementation_of_strftime_W()
    {
        using var test = new TestWarehouse();
        var days = Enumerable.Range(0, 3653).Select(d => new DateTime(2016, 1, 1).AddDays(d)).ToList();
        await test.IngestText("days.jsonl", string.Concat(days.Select((day, i) => TestWarehouse.Vote(i + 1, day.ToString("yyyy-MM-dd'T'HH:mm:ss.fff")) + "\n")));

        var expected = days
            .GroupBy(day => (day.Year, Week: (day.DayOfYear - 1 + 7 - ((int)day.DayOfWeek + 6) % 7) / 7))
            .Select(g => $"{g.Key.Year},{g.Key.Week},{g.Count()}")
            .Order()
            .ToList();
        var actual = test.Query("SELECT Year, WeekNumber, VoteCount FROM blog_analysis.weekly_vote_counts")
            .Select(r => string.Join(",", r)).Order().ToList();
        Assert.Equal(expected, actual);
        // And the SPEC's literal definition, DuckDB's strftime('%W'), agrees on every day.
        Assert.Equal(0, test.Count("SELECT count(*) FROM blog_analysis.votes WHERE blog_analysis.week_number(CreationDate) <> CAST(strftime(CreationDate, '%W') AS INTEGER)"));
        Assert.Equal(3653, test.VoteCount);
    }
}
