using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace VoteFunctions.Tests;

/// <summary>GET /api/weeks and GET /api/chart, called with real HttpRequests on a warehouse holding the sample.</summary>
public sealed class WeeksFunctionsTests : IAsyncLifetime, IDisposable
{
    private readonly TestWarehouse test = new();

    public async Task InitializeAsync() => await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => test.Dispose();

    private ContentResult GetWeeks(string query = "") => Assert.IsType<ContentResult>(new GetWeeks(test.Warehouse).Run(HttpRequests.Get("/api/weeks", query)));

    [Fact]
    public void Get_weeks_returns_every_week_with_its_mean_deviation_and_verdict_as_json()
    {
        var result = GetWeeks();

        Assert.Equal((200, "application/json; charset=utf-8"), (result.StatusCode, result.ContentType));
        var weeks = JsonSerializer.Deserialize<List<WeekDeviation>>(result.Content!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(test.Warehouse.ReadWeeklyDeviation(), weeks);
        Assert.Equal(9, weeks.Count);
        Assert.Equal(new WeekDeviation(2022, 0, 1, 16 / 9.0, Math.Abs(1 - 1 / (16 / 9.0)), true), weeks[0]);
        Assert.EndsWith("]\n", result.Content);
    }

    [Theory]
    [InlineData("?format=csv")]
    [InlineData("?format=CSV")]
    [InlineData("?format=Csv")]
    public void Get_weeks_as_csv_takes_the_format_in_any_case_and_its_outlier_rows_are_the_outlier_weeks(string query)
    {
        var result = GetWeeks(query);

        Assert.Equal((200, "text/csv; charset=utf-8"), (result.StatusCode, result.ContentType));
        Assert.Equal(WeeklyDeviationFormats.ToCsv(test.Warehouse.ReadWeeklyDeviation()), result.Content);
        var outlierRows = result.Content!.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).Where(f => f[5] == "true").Select(f => string.Join(",", f[..3]) + "\n");
        Assert.Equal(File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv")).ReplaceLineEndings("\n"), "Year,WeekNumber,VoteCount\n" + string.Concat(outlierRows));
    }

    [Fact]
    public void Get_weeks_with_an_unknown_format_is_a_400_with_a_clear_message()
    {
        var result = GetWeeks("?format=xml");

        Assert.Equal((400, "text/plain; charset=utf-8"), (result.StatusCode, result.ContentType));
        Assert.Equal("unknown format 'xml': use format=json or format=csv\n", result.Content);
    }

    [Fact]
    public void Get_weeks_on_an_empty_warehouse_is_an_empty_list()
    {
        using var empty = new TestWarehouse();
        var result = Assert.IsType<ContentResult>(new GetWeeks(empty.Warehouse).Run(HttpRequests.Get("/api/weeks")));

        Assert.Equal((200, "[]\n"), (result.StatusCode, result.Content));
    }

    [Fact]
    public void Get_outlier_weeks_takes_the_format_in_any_case_as_weeks_does()
    {
        var result = Assert.IsType<ContentResult>(new GetOutlierWeeks(test.Warehouse).Run(HttpRequests.Get("/api/outlier-weeks", "?format=CSV")));

        Assert.Equal((200, "text/csv; charset=utf-8"), (result.StatusCode, result.ContentType));
        Assert.Equal(File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv")).ReplaceLineEndings("\n"), result.Content);
    }

    [Fact]
    public void Get_chart_returns_the_chart_as_a_self_contained_html_page()
    {
        var result = Assert.IsType<ContentResult>(new GetChart(test.Warehouse).Run(HttpRequests.Get("/api/chart")));

        Assert.Equal((200, "text/html; charset=utf-8"), (result.StatusCode, result.ContentType));
        Assert.Equal(WeeklyChart.Html(test.Warehouse.ReadWeeklyDeviation()), result.Content);
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Count(result.Content!, "class=\"week[ \"]"));
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(result.Content!, "class=\"week outlier\""));
    }
}
