using System.Text.RegularExpressions;
using VoteFunctions.Tests.Browser;

namespace VoteFunctions.Tests;

/// <summary>The overview page (GET /api/overview): what it shows, as text and in a real browser.</summary>
public sealed class OverviewPageTests : IAsyncLifetime, IDisposable
{
    private readonly TestWarehouse test = new();
    private static readonly PendingBlobs TwoPending = new(5, [new PendingBlob("late-1.jsonl", 2_000), new PendingBlob("late-2.jsonl", 3_000)]);

    public async Task InitializeAsync()
    {
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        await test.Ingest(TestWarehouse.Fixture("dirty/not-json.jsonl"));
        await test.IngestText("awkward.jsonl", "<script>alert(1)</script>\n\u0001\u0007 \"quoted\" & more\n" + new string('x', 500) + "\n");
        await test.Warehouse.RecordMaintenanceRunAsync(new MaintenanceRun(MaintenanceRun.CatchUp, new DateTime(2026, 3, 1, 10, 0, 0), new DateTime(2026, 3, 1, 10, 0, 2), 7, 5, 0, 2, 0));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => test.Dispose();

    private string Page(string? key = null) => OverviewPage.Html(test.Warehouse, TwoPending, key);

    [Fact]
    public void The_page_shows_the_counts_the_chart_the_files_the_latest_rejected_lines_and_the_status()
    {
        var html = Page();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<li><b>16</b>votes</li>", html);
        Assert.Contains("<li><b>7</b>rejected lines</li>", html);
        Assert.Contains("<li><b>2</b>blobs waiting</li>", html);
        Assert.Equal(9, Regex.Count(html, "class=\"week[ \"]"));
        // Newest first: awkward.jsonl is file 3.
        var files = Regex.Matches(html, """<tr><td class="n">(\d)</td><td>([^<]+)</td>""").Select(m => (m.Groups[1].Value, m.Groups[2].Value));
        Assert.Equal([("3", "awkward.jsonl"), ("2", "not-json.jsonl"), ("1", "sample-votes.jsonl")], files);
        Assert.Equal(test.Warehouse.ListRejectedLines().Count(), Regex.Count(html[html.IndexOf("id=\"rejects\"")..], "<tr><td>"));
        Assert.Contains("2026-03-01 10:00:02 UTC: 7 blobs listed, 5 already ingested, 0 already ingested under another name, 2 ingested, 0 failed", html);
        Assert.Contains("Last nightly refresh</th><td>not run yet", html);
        Assert.Contains("2 blobs, 5,000 B: late-1.jsonl, late-2.jsonl", html);
    }

    [Fact]
    public void Raw_text_is_escaped_its_control_characters_shown_and_long_lines_shortened()
    {
        var html = Page();

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("\u2401\u2407 &quot;quoted&quot; &amp; more", html);
        Assert.Contains(new string('x', 119) + "…", html);
        Assert.DoesNotContain(new string('x', 120), html);
    }

    [Fact]
    public void A_key_given_in_the_address_is_kept_in_the_page_s_links()
    {
        Assert.Contains("""<a href="files?format=csv">""", Page());
        Assert.Contains("""<a href="files?format=csv&amp;code=a%2Bkey">""", Page("a+key"));
        Assert.Contains("""<a href="status?code=a%2Bkey">""", Page("a+key"));
    }

    [Fact]
    public void In_a_browser_the_page_is_drawn_without_console_messages_and_shows_every_part()
    {
        var file = Path.Combine(test.Folder, "overview.html");
        File.WriteAllText(file, Page());

        var page = HeadlessChromium.Open(file, height: 2000);

        page.AssertNotBlank();
        page.AssertNoConsoleMessages();
        foreach (var part in new[] { "id=\"figures\"", "id=\"status\"", "id=\"files\"", "id=\"rejects\"", "class=\"week outlier\"" })
            Assert.Contains(part, page.Dom);
        Assert.InRange(page.Screenshot.Marks(WeeklyChart.OutlierColour).Count, 2, 7); // the legend's and the outliers'
    }
}
