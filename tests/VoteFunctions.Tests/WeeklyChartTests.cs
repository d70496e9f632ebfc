using System.Globalization;
using System.Xml.Linq;

namespace VoteFunctions.Tests;

/// <summary>The chart's content, read back from its SVG as a program reads XML.</summary>
public class WeeklyChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static async Task<IReadOnlyList<WeekDeviation>> SampleWeeks()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        return test.Warehouse.ReadWeeklyDeviation();
    }

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static List<XElement> WeekMarks(XElement chart) =>
        chart.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains("week") == true).ToList();

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>Votes at a height in the image, from the count axis's own ticks (value and height of each).</summary>
    private static Func<double, double> VotesAt(XElement chart)
    {
        var ticks = chart.Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") == "count-tick")
            .Select(l => (Votes: Number(l, "data-value"), Y: Number(l, "y1"))).ToList();
        var (low, high) = (ticks[0], ticks[^1]);
        return y => low.Votes + (y - low.Y) / (high.Y - low.Y) * (high.Votes - low.Votes);
    }

    /// <summary>The centre of a circle, or of a triangle (the mean of its three corners).</summary>
    private static (double X, double Y) Centre(XElement mark)
    {
        if (mark.Name == Svg + "circle") return (Number(mark, "cx"), Number(mark, "cy"));
        var corners = System.Text.RegularExpressions.Regex.Matches((string)mark.Attribute("d")!, @"(-?[\d.]+) (-?[\d.]+)")
            .Select(m => (X: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(3, corners.Count);
        return (corners.Average(c => c.X), corners.Average(c => c.Y));
    }

    [Fact]
    public async Task There_is_one_mark_per_week_with_its_year_week_and_count_in_time_order()
    {
        var weeks = await SampleWeeks();
        var marks = WeekMarks(Parse(WeeklyChart.Svg(weeks)));

        Assert.Equal(
            weeks.Select(w => $"{w.Year}/{w.WeekNumber}:{w.VoteCount}"),
            marks.OrderBy(m => Centre(m).X).Select(m => $"{m.Attribute("data-year")!.Value}/{m.Attribute("data-week")!.Value}:{m.Attribute("data-votes")!.Value}"));
    }

    [Fact]
    public async Task Each_mark_is_drawn_at_its_count_on_the_count_axis()
    {
        var chart = Parse(WeeklyChart.Svg(await SampleWeeks()));
        var votesAt = VotesAt(chart);

        Assert.All(WeekMarks(chart), mark => Assert.Equal(Number(mark, "data-votes"), votesAt(Centre(mark).Y), 1));
    }

    [Fact]
    public async Task Outlier_weeks_are_triangles_in_the_outlier_colour_pointing_away_from_the_mean()
    {
        var weeks = await SampleWeeks();
        var marks = WeekMarks(Parse(WeeklyChart.Svg(weeks)));

        var outliers = marks.Where(m => m.Attribute("class")!.Value == "week outlier").ToList();
        Assert.Equal(weeks.Where(w => w.IsOutlier).Select(w => w.WeekNumber).Order(), outliers.Select(m => int.Parse(m.Attribute("data-week")!.Value)).Order());
        Assert.All(outliers, m => Assert.Equal((Svg + "path", WeeklyChart.OutlierColour), (m.Name, (string)m.Attribute("fill")!)));
        Assert.All(marks.Except(outliers), m => Assert.Equal(Svg + "circle", m.Name));
        Assert.DoesNotContain(marks.Except(outliers), m => (string?)m.Attribute("fill") == WeeklyChart.OutlierColour);
        // The tip (the corner farthest from the centre) is above the centre for a count above the mean, below it otherwise.
        var mean = weeks[0].MeanVotes;
        Assert.All(outliers, m =>
        {
            var tipIsUp = ((string)m.Attribute("d")!).Split('L')[0].Split(' ')[1] is var tipY && double.Parse(tipY, CultureInfo.InvariantCulture) < Centre(m).Y;
            Assert.Equal(Number(m, "data-votes") > mean, tipIsUp);
        });
    }

    [Fact]
    public async Task The_band_spans_0_8x_to_1_2x_of_the_mean_and_the_mean_line_is_at_the_mean()
    {
        var weeks = await SampleWeeks();
        var chart = Parse(WeeklyChart.Svg(weeks));
        var votesAt = VotesAt(chart);
        var mean = 16 / 9.0; // the sample: 16 votes in 9 weeks with votes

        var band = chart.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("id") == "band");
        var meanLine = chart.Descendants(Svg + "line").Single(l => (string?)l.Attribute("id") == "mean");

        // Within a hundredth of a pixel's worth of votes: the image's numbers have two decimals.
        var tolerance = Math.Abs(votesAt(0) - votesAt(0.01));
        Assert.Equal(1.2 * mean, votesAt(Number(band, "y")), tolerance);
        Assert.Equal(0.8 * mean, votesAt(Number(band, "y") + Number(band, "height")), tolerance);
        Assert.Equal(mean, votesAt(Number(meanLine, "y1")), tolerance);
        Assert.Equal(mean, weeks[0].MeanVotes, 12);
    }

    [Fact]
    public async Task Each_week_has_a_hover_title_with_its_figures()
    {
        var marks = WeekMarks(Parse(WeeklyChart.Svg(await SampleWeeks())));

        Assert.All(marks, m => Assert.NotNull(m.Element(Svg + "title")));
        var week1 = marks.Single(m => m.Attribute("data-week")!.Value == "1").Element(Svg + "title")!.Value;
        Assert.Equal("2022 week 1 (2022-01-03 to 2022-01-09): 3 votes, 68.8% above the mean of 1.78, deviation 0.688: outlier", week1);
        var week3 = marks.Single(m => m.Attribute("data-week")!.Value == "3").Element(Svg + "title")!.Value;
        Assert.Equal("2022 week 3 (2022-01-17 to 2022-01-23): 2 votes, 12.5% above the mean of 1.78, deviation 0.125", week3);
    }

    [Fact]
    public async Task The_title_states_the_weeks_the_outliers_and_the_mean()
    {
        var chart = Parse(WeeklyChart.Svg(await SampleWeeks()));

        var texts = chart.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("Votes per week, 2022", texts[0]);
        Assert.Equal("9 weeks with votes, 6 outliers, mean 1.78 votes a week", texts[1]);
        Assert.Equal("Votes per week, 2022", chart.Element(Svg + "title")!.Value);
    }

    /// <summary>Weeks 1 to 50 of each year, from <paramref name="firstYear"/> to <paramref name="lastYear"/>, every 10th an outlier.</summary>
    private static List<WeekDeviation> Years(int firstYear, int lastYear) =>
        Enumerable.Range(firstYear, lastYear - firstYear + 1)
            .SelectMany(year => Enumerable.Range(1, 50).Select(week => new WeekDeviation(year, week, week % 10 == 0 ? 200 : 100, 110, week % 10 == 0 ? 0.8 : 0.1, week % 10 == 0)))
            .ToList();

    private static List<string> YearLabels(XElement chart) =>
        chart.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "year").Select(t => t.Value).ToList();

    [Fact]
    public void The_time_axis_is_labelled_with_years()
    {
        Assert.Equal(["2017", "2018", "2019", "2020", "2021"], YearLabels(Parse(WeeklyChart.Svg(Years(2017, 2021)))));
    }

    [Fact]
    public void Twenty_years_of_weeks_stay_readable_smaller_points_and_no_crowded_year_labels()
    {
        var fiveYears = Parse(WeeklyChart.Svg(Years(2017, 2021)));
        var twentyYears = Parse(WeeklyChart.Svg(Years(2004, 2023)));

        Assert.Equal(1000, WeekMarks(twentyYears).Count);
        var labels = YearLabels(twentyYears);
        Assert.InRange(labels.Count, 5, 20);
        var labelXs = twentyYears.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "year").Select(t => Number(t, "x")).ToList();
        Assert.All(labelXs.Zip(labelXs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 40, $"year labels {pair.First} and {pair.Second} are too close"));
        double Radius(XElement chart) => WeekMarks(chart).Where(m => m.Name == Svg + "circle").Select(m => Number(m, "r")).Distinct().Single();
        Assert.True(Radius(twentyYears) < Radius(fiveYears), "points get smaller as weeks get more");
        // Outliers keep their size: they are what the chart is for.
        Assert.Equal(100, WeekMarks(twentyYears).Count(m => m.Attribute("class")!.Value == "week outlier"));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(9999, 52, 9999, 52)]
    [InlineData(1, 1, 9999, 52)]
    [InlineData(9998, 40, 9999, 52)]
    public void Weeks_at_both_ends_of_the_date_range_are_drawn_with_readable_year_labels(int firstYear, int firstWeek, int lastYear, int lastWeek)
    {
        var weeks = new[] { new WeekDeviation(firstYear, firstWeek, 2, 2, 0, false), new WeekDeviation(lastYear, lastWeek, 2, 2, 0, false) }.Distinct().ToList();
        var chart = Parse(WeeklyChart.Svg(weeks));

        var marks = WeekMarks(chart);
        Assert.Equal(weeks.Select(w => $"{w.Year}/{w.WeekNumber}"), marks.Select(m => $"{m.Attribute("data-year")!.Value}/{m.Attribute("data-week")!.Value}"));
        Assert.All(marks, m => Assert.InRange(Centre(m).X, 0, WeeklyChart.Width));
        Assert.NotEmpty(YearLabels(chart));
        var labelXs = chart.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "year").Select(t => Number(t, "x")).ToList();
        Assert.All(labelXs.Zip(labelXs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 40, $"year labels {pair.First} and {pair.Second} are too close"));
        // A line at a year's start only where such lines are a few pixels apart, not 10,000 of them.
        Assert.InRange(chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "time-axis").Elements(Svg + "line").Count(), 1, 300);
    }

    [Fact]
    public void Ten_thousand_years_are_labelled_at_round_years_where_each_year_starts()
    {
        var chart = Parse(WeeklyChart.Svg([new WeekDeviation(1, 1, 2, 2, 0, false), new WeekDeviation(9999, 52, 2, 2, 0, false)]));

        Assert.Equal(["1000", "2000", "3000", "4000", "5000", "6000", "7000", "8000", "9000"], YearLabels(chart));
    }

    [Fact]
    public void A_single_week_is_one_point_on_the_mean_with_its_year_named()
    {
        var chart = Parse(WeeklyChart.Svg([new WeekDeviation(2022, 10, 1, 1, 0, false)]));

        var mark = Assert.Single(WeekMarks(chart));
        Assert.Equal(1, VotesAt(chart)(Centre(mark).Y), 2);
        Assert.Equal(["2022"], YearLabels(chart));
    }

    [Fact]
    public void An_empty_warehouse_gives_a_chart_that_says_so()
    {
        var chart = Parse(WeeklyChart.Svg([]));

        Assert.Empty(WeekMarks(chart));
        Assert.Contains("No weeks with votes: the warehouse has no votes yet.", chart.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public async Task The_html_page_embeds_the_svg_and_loads_nothing_from_anywhere()
    {
        var weeks = await SampleWeeks();
        var html = WeeklyChart.Html(weeks);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains(WeeklyChart.Svg(weeks), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("@import", html);
        // The only address is the SVG namespace, a name that is never fetched.
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(html, @"(https?:)?//[^""'\s)]+").Select(m => m.Value).Distinct());
    }
}
