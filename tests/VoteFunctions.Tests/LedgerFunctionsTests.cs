using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace VoteFunctions.Tests;

/// <summary>GET /api/files and GET /api/rejects, called with real HttpRequests on a warehouse with rejected lines.</summary>
public sealed partial class LedgerFunctionsTests : IAsyncLifetime, IDisposable
{
    private readonly TestWarehouse test = new();

    public async Task InitializeAsync()
    {
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        await test.Ingest(TestWarehouse.Fixture("dirty/not-json.jsonl"));   // 4 rejected (2 not JSON, 2 conflicting with the sample)
        await test.Ingest(TestWarehouse.Fixture("dirty/bad-dates.jsonl"));  // 9 rejected (7 bad dates, 2 conflicting)
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => test.Dispose();

    private (ContentResult Result, string? Link) GetRejects(string query = "")
    {
        var request = HttpRequests.Get("/api/rejects", query);
        var result = Assert.IsType<ContentResult>(new GetRejects(test.Warehouse).Run(request));
        var link = request.HttpContext.Response.Headers.Link.FirstOrDefault();
        return (result, link);
    }

    private static string Csv(IEnumerable<RejectedLine> lines)
    {
        var csv = new StringWriter();
        RejectedLineFormats.WriteCsv(lines, csv);
        return csv.ToString();
    }

    [Theory]
    [InlineData("", "application/json; charset=utf-8")]
    [InlineData("?format=csv", "text/csv; charset=utf-8")]
    public void Get_files_is_the_ledger_in_the_format_of_votes_files(string query, string contentType)
    {
        var result = Assert.IsType<ContentResult>(new GetFiles(test.Warehouse).Run(HttpRequests.Get("/api/files", query)));

        var files = test.Warehouse.ListIngestedFiles();
        Assert.Equal((200, contentType), (result.StatusCode, result.ContentType));
        Assert.Equal(query == "" ? IngestedFileFormats.ToJson(files) : IngestedFileFormats.ToCsv(files), result.Content);
        Assert.Equal(3, files.Count);
    }

    [Fact]
    public void Get_rejects_that_fit_in_a_page_is_the_csv_of_votes_rejects_with_no_next_page()
    {
        var (result, link) = GetRejects("?format=csv");

        Assert.Equal((200, "text/csv; charset=utf-8"), (result.StatusCode, result.ContentType));
        Assert.Equal(Csv(test.Warehouse.ListRejectedLines()), result.Content);
        Assert.Equal(1 + 13, result.Content!.Count(c => c == '\n'));
        Assert.Null(link);
    }

    [Fact]
    public void Get_rejects_of_one_file_is_that_file_s_lines_and_an_unknown_file_is_a_404_that_says_so()
    {
        var (json, _) = GetRejects("?file=bad-dates.jsonl");
        var (unknown, _) = GetRejects("?file=nosuch.jsonl&format=csv");

        var lines = JsonSerializer.Deserialize<List<RejectedLine>>(json.Content!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(test.Warehouse.ListRejectedLines("bad-dates.jsonl"), lines);
        Assert.Equal(9, lines.Count);
        Assert.Equal((404, "text/plain; charset=utf-8", "no file named nosuch.jsonl was ingested (see the ledger: GET /api/files)\n"),
            (unknown.StatusCode, unknown.ContentType, unknown.Content));
    }

    [Fact]
    public void Pages_followed_through_their_link_headers_hold_every_rejected_line_once_in_order()
    {
        var pages = new List<string>();
        string? next = "/api/rejects?format=csv&limit=3";
        while (next is not null)
        {
            var (result, link) = GetRejects(next[next.IndexOf('?')..]);
            Assert.Equal(200, result.StatusCode);
            pages.Add(result.Content!);
            next = link is null ? null : NextLink().Match(link).Groups["url"].Value;
            if (link is not null) Assert.StartsWith("/api/rejects?format=csv&limit=3&after=", next);
        }

        // 13 lines, 3 a page: 5 pages, each a CSV document with its header.
        Assert.Equal([3, 3, 3, 3, 1], pages.Select(page => page.Count(c => c == '\n') - 1));
        Assert.Equal(Csv(test.Warehouse.ListRejectedLines()), pages[0] + string.Concat(pages.Skip(1).Select(page => page[(page.IndexOf('\n') + 1)..])));
    }

    [Fact]
    public void A_page_starts_after_the_position_given_file_then_line()
    {
        var page = test.Warehouse.ListRejectedLines(null, new RejectedLinePosition(2, 3), 100)!;

        // not-json.jsonl (file 2) lines 4 on, then all of bad-dates.jsonl (file 3).
        Assert.Equal(("not-json.jsonl", 4L), (page.Lines[0].FileName, page.Lines[0].LineNumber));
        Assert.Equal(1 + 9, page.Lines.Count);
        Assert.Null(page.Next);
        Assert.Equal("3:1207", new RejectedLinePosition(3, 1207).ToString());
    }

    [Theory]
    [InlineData("?limit=0", "limit must be a whole number from 1 to 10000, not '0'")]
    [InlineData("?limit=10001", "limit must be a whole number from 1 to 10000, not '10001'")]
    [InlineData("?limit=-5", "limit must be a whole number from 1 to 10000, not '-5'")]
    [InlineData("?after=12", "after must be FILEID:LINE, as in the Link header of the page before, not '12'")]
    [InlineData("?after=a:b", "after must be FILEID:LINE, as in the Link header of the page before, not 'a:b'")]
    [InlineData("?format=xml", "unknown format 'xml': use format=json or format=csv")]
    public void Paging_parameters_that_cannot_be_right_are_a_400_that_says_what_to_send(string query, string message)
    {
        var (result, _) = GetRejects(query);

        Assert.Equal((400, "text/plain; charset=utf-8", message + "\n"), (result.StatusCode, result.ContentType, result.Content));
    }

    [GeneratedRegex("""^<(?<url>[^>]+)>; rel="next"$""")]
    private static partial Regex NextLink();
}
