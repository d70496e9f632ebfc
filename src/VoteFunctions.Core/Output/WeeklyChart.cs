using System.Globalization;
using System.Security;
using System.Text;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>
/// The weekly vote counts as a chart: each week with votes where it is in time, the mean, the band
/// from 0.8x to 1.2x the mean, and the outlier weeks as larger triangles (pointing up above the
/// band, down below it) in their own colour, each week's figures in its tooltip.
/// </summary>
/// <remarks>
/// Written as SVG by hand rather than with a charting library: ScottPlot 5 (through Skia) added
/// 13 MB to the published app and about 0.4 s of CPU to the command's start, drew no text at all
/// on a host without fonts, and needed an overlay to give a point its own tooltip. Here the text
/// is the browser's, each week is one element with its &lt;title&gt;, and nothing is loaded from anywhere.
/// </remarks>
public static class WeeklyChart
{
    /// <summary>The outliers' fill: orange, told apart from the grey weeks by shape and size too, not by hue alone.</summary>
    public const string OutlierColour = "#d95f02";
    public const int Width = 1000;
    public const int Height = 540;

    private const string WeekColour = "#4d4d4d";
    private const string BandColour = "#3a78b5";
    private const string FontFamily = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif";

    // The plot area inside the image: room on the left for the counts, on the right for the
    // band's labels, at the top for the title and legend.
    private const double PlotLeft = 64, PlotRight = Width - 120, PlotTop = 96, PlotBottom = Height - 48;

    /// <summary>The chart as an SVG document (no XML declaration, so that it can also be inlined in HTML).</summary>
    public static string Svg(IReadOnlyList<WeekDeviation> weeks)
    {
        var svg = new SvgText();
        var summary = Summary(weeks);
        svg.Add($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="chart-title chart-summary" font-family="{FontFamily}" font-size="12" fill="#222">""");
        svg.Add($"""<title id="chart-title">{Escape(Title(weeks))}</title><desc id="chart-summary">{Escape(summary)}</desc>""");
        svg.Add($"""<rect width="{Width}" height="{Height}" fill="#fff"/>""");
        svg.Add($"""<text x="{PlotLeft}" y="28" font-size="18" font-weight="600">{Escape(Title(weeks))}</text>""");
        svg.Add($"""<text x="{PlotLeft}" y="50" font-size="13">{Escape(summary)}</text>""");
        if (weeks.Count > 0) Plot(svg, weeks);
        svg.Add($"</svg>");
        return svg.ToString();
    }

    /// <summary>A page with the chart inline: self-contained, no script, no font or style from elsewhere.</summary>
    public static string Html(IReadOnlyList<WeekDeviation> weeks) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Escape(Title(weeks))}}</title>
        <style>
        body { margin: 16px; font-family: {{FontFamily}}; color: #222; background: #fff; }
        svg { max-width: 100%; height: auto; }
        p { max-width: {{Width}}px; font-size: 14px; }
        </style>
        </head>
        <body>
        <main>
        {{Svg(weeks)}}
        <p>Each point is a week with votes (weeks start on Monday; week 0 is the days before a year's first Monday).
        A week is an outlier when its count is more than 20% away from the mean over the weeks with votes.
        Hover over a week for its figures.</p>
        </main>
        </body>
        </html>

        """;

    private static string Title(IReadOnlyList<WeekDeviation> weeks)
    {
        if (weeks.Count == 0) return "Votes per week";
        var (first, last) = (weeks[0].Year, weeks[^1].Year);
        return first == last ? $"Votes per week, {first}" : $"Votes per week, {first}–{last}";
    }

    /// <summary>What the chart shows, in a line: "265 weeks with votes, 37 outliers, mean 150.1 votes a week".</summary>
    public static string Summary(IReadOnlyList<WeekDeviation> weeks)
    {
        if (weeks.Count == 0) return "No weeks with votes: the warehouse has no votes yet.";
        var outliers = weeks.Count(w => w.IsOutlier);
        return string.Create(CultureInfo.InvariantCulture,
            $"{weeks.Count:N0} week{(weeks.Count == 1 ? "" : "s")} with votes, {outliers:N0} outlier{(outliers == 1 ? "" : "s")}, mean {Votes(weeks[0].MeanVotes)} votes a week");
    }

    private static void Plot(SvgText svg, IReadOnlyList<WeekDeviation> weeks)
    {
        var mean = weeks[0].MeanVotes;
        var days = weeks.Select(w => WeekDays.Of(w.Year, w.WeekNumber)).ToList();
        var (firstDay, lastDay) = (days[0].First, days[^1].Last);
        var countTicks = ChartAxes.CountTicks(Math.Max(weeks.Max(w => w.VoteCount), 1.2 * mean) * 1.05);
        // A little room at both ends, so that the first and last weeks are not drawn on the axis.
        var padding = Math.Max(3, (lastDay.DayNumber - firstDay.DayNumber) * 0.01);
        var (from, to) = (firstDay.DayNumber - padding, lastDay.DayNumber + 1 + padding);
        double X(double dayNumber) => PlotLeft + (dayNumber - from) / (to - from) * (PlotRight - PlotLeft);
        double Y(double votes) => PlotBottom - votes / countTicks[^1] * (PlotBottom - PlotTop);

        Legend(svg);
        CountAxis(svg, countTicks, Y);
        TimeAxis(svg, firstDay, lastDay, (PlotRight - PlotLeft) / (to - from), X);
        Band(svg, mean, Y);

        // Consecutive weeks joined by a thin line, broken where weeks without votes are.
        var (small, large) = weeks.Count <= 100 ? (3.5, 6.5) : weeks.Count <= 400 ? (2.2, 5.5) : (1.4, 4.5);
        var points = weeks.Select((w, i) => (Week: w, X: X(days[i].Middle), Y: Y(w.VoteCount), Days: days[i])).ToList();
        var line = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var joined = i > 0 && points[i].Days.First.DayNumber - points[i - 1].Days.Last.DayNumber == 1;
            line.Append(CultureInfo.InvariantCulture, $"{(joined ? "L" : "M")}{points[i].X:0.#} {points[i].Y:0.#}");
        }
        svg.Add($"""<path d="{line}" fill="none" stroke="#a6a6a6" stroke-width="1"/>""");

        // Outliers last, so that they are drawn over the other weeks. The transparent stroke
        // widens what the pointer can hover on a small point.
        foreach (var (week, x, y, weekDays) in points.OrderBy(p => p.Week.IsOutlier))
        {
            var data = $"""data-year="{week.Year}" data-week="{week.WeekNumber}" data-votes="{week.VoteCount}" """;
            var tooltip = $"<title>{Escape(Tooltip(week, weekDays))}</title>";
            if (week.IsOutlier)
                svg.Add($"""<path class="week outlier" {data}d="{Triangle(x, y, large, up: week.VoteCount > mean)}" fill="{OutlierColour}" stroke="#000" stroke-width="1">{tooltip}</path>""");
            else
                svg.Add($"""<circle class="week" {data}cx="{x:0.##}" cy="{y:0.##}" r="{small}" fill="{WeekColour}" stroke="transparent" stroke-width="4">{tooltip}</circle>""");
        }
    }

    private static void Legend(SvgText svg)
    {
        const double Y = 72, CharacterWidth = 6.3, Gap = 22;
        var x = PlotLeft;
        svg.Add($"""<g class="legend" font-size="12">""");
        void Item(FormattableString marker, string label)
        {
            svg.Add(marker);
            svg.Add($"""<text x="{x + 22}" y="{Y}">{label}</text>""");
            x += 22 + label.Length * CharacterWidth + Gap;
        }
        Item($"""<circle cx="{x + 8}" cy="{Y - 4}" r="3.5" fill="{WeekColour}"/>""", "votes in a week");
        Item($"""<path d="{Triangle(x + 8, Y - 4, 6.5, up: true)}" fill="{OutlierColour}" stroke="#000" stroke-width="1"/>""", "outlier: more than 20% above (▲) or below (▼) the mean");
        Item($"""<line x1="{x}" y1="{Y - 4}" x2="{x + 16}" y2="{Y - 4}" stroke="{BandColour}" stroke-width="2"/>""", "mean");
        Item($"""<rect x="{x}" y="{Y - 11}" width="16" height="14" fill="{BandColour}" fill-opacity="0.15" stroke="{BandColour}" stroke-dasharray="3 2"/>""", "0.8x to 1.2x the mean");
        svg.Add($"</g>");
    }

    private static void CountAxis(SvgText svg, IReadOnlyList<double> ticks, Func<double, double> y)
    {
        svg.Add($"""<g class="count-axis">""");
        foreach (var tick in ticks)
            svg.Add($"""<line class="count-tick" data-value="{tick}" x1="{PlotLeft}" x2="{PlotRight}" y1="{y(tick):0.##}" y2="{y(tick):0.##}" stroke="#e6e6e6"/><text x="{PlotLeft - 6}" y="{y(tick) + 4:0.#}" text-anchor="end">{tick.ToString("N0", CultureInfo.InvariantCulture)}</text>""");
        svg.Add($"""<text transform="translate(16 {(PlotTop + PlotBottom) / 2:0.#}) rotate(-90)" text-anchor="middle">votes in the week</text>""");
        svg.Add($"</g>");
    }

    private static void TimeAxis(SvgText svg, DateOnly first, DateOnly last, double pixelsPerDay, Func<double, double> x)
    {
        var axis = ChartAxes.TimeTicks(first, last, pixelsPerDay);
        svg.Add($"""<g class="time-axis">""");
        svg.Add($"""<line x1="{PlotLeft}" x2="{PlotRight}" y1="{PlotBottom}" y2="{PlotBottom}" stroke="#222"/>""");
        foreach (var january1 in axis.YearStarts)
            svg.Add($"""<line x1="{x(january1.DayNumber):0.#}" x2="{x(january1.DayNumber):0.#}" y1="{PlotTop}" y2="{PlotBottom + 6}" stroke="#c8c8c8"/>""");
        foreach (var (day, name) in axis.Months)
            svg.Add($"""<line x1="{x(day.DayNumber):0.#}" x2="{x(day.DayNumber):0.#}" y1="{PlotBottom}" y2="{PlotBottom + 4}" stroke="#222"/><text class="month" x="{x(day.DayNumber):0.#}" y="{PlotBottom + 16}" text-anchor="middle" font-size="11">{name}</text>""");
        // Below the months' names when there are some.
        var yearsY = PlotBottom + (axis.Months.Count > 0 ? 34 : 20);
        foreach (var (day, name) in axis.Years)
            svg.Add($"""<text class="year" x="{x(day):0.#}" y="{yearsY}" text-anchor="middle" font-weight="600">{name}</text>""");
        // A week or two shows too little of its year to name it in the middle: it is named at the start.
        if (axis.Years.Count == 0)
            svg.Add($"""<text class="year" x="{PlotLeft}" y="{yearsY}" font-weight="600">{(first.Year == last.Year ? $"{first.Year}" : $"{first.Year}–{last.Year}")}</text>""");
        svg.Add($"</g>");
    }

    private static void Band(SvgText svg, double mean, Func<double, double> y)
    {
        var (high, low, middle) = (y(1.2 * mean), y(0.8 * mean), y(mean));
        svg.Add($"""<g class="band">""");
        svg.Add($"""<rect id="band" x="{PlotLeft}" y="{high:0.##}" width="{PlotRight - PlotLeft}" height="{low - high:0.##}" fill="{BandColour}" fill-opacity="0.15"/>""");
        svg.Add($"""<path d="M{PlotLeft} {high:0.##}H{PlotRight}M{PlotLeft} {low:0.##}H{PlotRight}" stroke="{BandColour}" stroke-dasharray="4 3"/>""");
        svg.Add($"""<line id="mean" x1="{PlotLeft}" x2="{PlotRight}" y1="{middle:0.##}" y2="{middle:0.##}" stroke="{BandColour}" stroke-width="2"/>""");
        // Labels at least a line apart, even when the band is thin on the scale.
        svg.Add($"""<text x="{PlotRight + 6}" y="{Math.Min(high, middle - 13) + 4:0.#}">1.2x: {Votes(1.2 * mean)}</text>""");
        svg.Add($"""<text x="{PlotRight + 6}" y="{middle + 4:0.#}" font-weight="600">mean: {Votes(mean)}</text>""");
        svg.Add($"""<text x="{PlotRight + 6}" y="{Math.Max(low, middle + 13) + 4:0.#}">0.8x: {Votes(0.8 * mean)}</text>""");
        svg.Add($"</g>");
    }

    private static string Tooltip(WeekDeviation week, WeekDays days)
    {
        var change = week.VoteCount / week.MeanVotes - 1;
        var relation = change == 0 ? "at the mean" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(change):0.0%} {(change > 0 ? "above" : "below")} the mean");
        return string.Create(CultureInfo.InvariantCulture,
            $"{week.Year} week {week.WeekNumber} ({days.First:yyyy-MM-dd} to {days.Last:yyyy-MM-dd}): {week.VoteCount:N0} votes, {relation} of {Votes(week.MeanVotes)}, deviation {week.Deviation:0.000}{(week.IsOutlier ? ": outlier" : "")}");
    }

    /// <summary>A triangle whose centre (the mean of its corners) is at (x, y), so that it marks the week's count as a circle would.</summary>
    private static string Triangle(double x, double y, double size, bool up)
    {
        var tip = up ? -size : size;
        return string.Create(CultureInfo.InvariantCulture, $"M{x:0.##} {y + tip:0.##}L{x + size:0.##} {y - tip / 2:0.##}L{x - size:0.##} {y - tip / 2:0.##}Z");
    }

    /// <summary>A count of votes that may have a fraction (a mean): two decimals when it is small, so that 1.78 is not shown as 1.8.</summary>
    private static string Votes(double votes) => votes.ToString(Math.Abs(votes) < 10 ? "N2" : "N1", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);

    /// <summary>SVG text, one element a line, its numbers always invariant (1.5, never 1,5).</summary>
    private sealed class SvgText
    {
        private readonly StringBuilder text = new();

        // FormattableString only: a plain string would be formatted in the current culture first.
        public void Add(FormattableString element) => text.Append(element.ToString(CultureInfo.InvariantCulture)).Append('\n');

        public override string ToString() => text.ToString();
    }
}
