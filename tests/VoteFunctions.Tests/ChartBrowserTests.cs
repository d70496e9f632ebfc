using VoteFunctions.Tests.Browser;

namespace VoteFunctions.Tests;

/// <summary>The chart in a real browser (headless Chromium), as the command-line tool writes it.</summary>
public class ChartBrowserTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-chart-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private string ChartOf(string votes, string file)
    {
        Assert.Equal(0, CliRunner.Run(folder, "ingest", votes).ExitCode);
        Assert.Equal(0, CliRunner.Run(folder, "chart", "-o", file).ExitCode);
        return Path.Combine(folder, file);
    }

    [Fact]
    public void The_sample_chart_page_shows_each_outlier_week_as_its_own_mark_in_the_outlier_colour()
    {
        var page = ChartInBrowser.AssertShowsChart(ChartOf(TestWarehouse.Fixture("sample-votes.jsonl"), "chart.html"), weeks: 9, outliers: 6);

        // The sample's outlier weeks are far apart: six marks, and the legend's.
        var marks = page.Screenshot.Marks(WeeklyChart.OutlierColour);
        Assert.Equal(7, marks.Count);
        Assert.All(marks, size => Assert.InRange(size, 30, 200));
        Assert.StartsWith("file:///", page.Url);
    }

    [Fact]
    public void The_bundled_dataset_chart_shows_its_265_weeks_and_37_outliers()
    {
        var bundled = Path.Combine(AzuriteFixture.RepositoryRoot(), "data", "votes-2017-2021.jsonl.gz");

        ChartInBrowser.AssertShowsChart(ChartOf(bundled, "chart.html"), weeks: 265, outliers: 37);
    }

    [Fact]
    public void The_svg_file_opens_on_its_own_with_every_week_drawn()
    {
        var page = HeadlessChromium.Open(ChartOf(TestWarehouse.Fixture("sample-votes.jsonl"), "chart.svg"));

        page.AssertNotBlank();
        page.AssertNoConsoleMessages();
        Assert.Equal(7, page.Screenshot.Marks(WeeklyChart.OutlierColour).Count);
    }

    [Fact]
    public void The_browser_check_sees_an_uncaught_error_and_a_blank_page()
    {
        var broken = Path.Combine(folder, "broken.html");
        File.WriteAllText(broken, "<!DOCTYPE html><html><body><script>notAFunction();</script></body></html>");

        var page = HeadlessChromium.Open(broken);

        Assert.Contains(page.ConsoleMessages, m => m.Contains("Uncaught ReferenceError: notAFunction is not defined"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(page.AssertNoConsoleMessages);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(page.AssertNotBlank);
    }
}
