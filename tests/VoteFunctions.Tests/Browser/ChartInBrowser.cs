using System.Text.RegularExpressions;
using VoteFunctions.Core.Output;

namespace VoteFunctions.Tests.Browser;

/// <summary>
/// The weekly chart as a person sees it in a browser: for the CLI's chart file here, and for
/// GET /api/chart on a real Functions host in the end-to-end suite.
/// </summary>
public static class ChartInBrowser
{
    /// <summary>
    /// Opens the chart page and checks what a person would see: a drawn page, no console messages,
    /// a mark per week in the page, and the outlier marks in the outlier colour in the image.
    /// </summary>
    public static RenderedPage AssertShowsChart(string urlOrFile, int weeks, int outliers)
    {
        var page = HeadlessChromium.Open(urlOrFile);
        page.AssertNotBlank();
        page.AssertNoConsoleMessages();
        Assert.Equal(weeks, Regex.Count(page.Dom, "class=\"week[ \"]"));
        Assert.Equal(outliers, Regex.Count(page.Dom, "class=\"week outlier\""));
        // The legend shows one outlier mark; outlier weeks close in time and count can touch and
        // show as one mark, so the image has between one and all of them besides the legend's.
        var marks = page.Screenshot.Marks(WeeklyChart.OutlierColour);
        if (outliers == 0) Assert.Single(marks);
        else Assert.InRange(marks.Count, 2, outliers + 1);
        return page;
    }
}
