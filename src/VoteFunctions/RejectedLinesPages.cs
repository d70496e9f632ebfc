using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Queries;

namespace VoteFunctions;

/// <summary>
/// GET /api/rejects, a page at a time: ?file=NAME (the lines of that file only), ?limit=N (1 to
/// 10,000 lines a page; 1,000 by default), ?after=FILEID:LINE (where the page starts after). A page
/// has the body of <c>votes rejects -f json|csv</c> for its lines; when more follow, its Link
/// header names the next page (<c>&lt;/api/rejects?...&amp;after=3:1207&gt;; rel="next"</c>), so
/// the pages of a listing that fits in one are exactly the CLI's output.
/// </summary>
internal static class RejectedLinesPages
{
    public const int DefaultLimit = 1_000;
    public const int MaxLimit = 10_000;

    public static IActionResult Answer(HttpRequest request, Warehouse warehouse)
    {
        if (HttpResponses.FormatOf(request) is not { } format) return HttpResponses.UnknownFormat(request);
        var file = request.Query["file"].FirstOrDefault();
        RejectedLinePosition? after = null;
        if (request.Query["after"].FirstOrDefault() is { } afterText)
        {
            if (!RejectedLinePosition.TryParse(afterText, out var position))
                return HttpResponses.BadRequest($"after must be FILEID:LINE, as in the Link header of the page before, not '{afterText}'");
            after = position;
        }
        var limit = DefaultLimit;
        if (request.Query["limit"].FirstOrDefault() is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return HttpResponses.BadRequest($"limit must be a whole number from 1 to {MaxLimit}, not '{limitText}'");

        if (warehouse.ListRejectedLines(file, after, limit) is not { } page)
            return HttpResponses.Text(StatusCodes.Status404NotFound, "text/plain", $"no file named {file} was ingested (see the ledger: GET /api/files)\n");
        if (page.Next is { } next)
            request.HttpContext.Response.Headers.Link = $"<{NextPage(request, next)}>; rel=\"next\"";
        var body = new StringWriter();
        if (format == "csv") RejectedLineFormats.WriteCsv(page.Lines, body);
        else RejectedLineFormats.WriteJson(page.Lines, body);
        return HttpResponses.Text(StatusCodes.Status200OK, format == "csv" ? "text/csv" : "application/json", body.ToString());
    }

    /// <summary>This request's path and query, with the page starting after <paramref name="next"/>: relative, so right behind any proxy.</summary>
    private static string NextPage(HttpRequest request, RejectedLinePosition next)
    {
        var query = new QueryBuilder(request.Query.Where(parameter => !parameter.Key.Equals("after", StringComparison.OrdinalIgnoreCase))) { { "after", next.ToString() } };
        return $"{request.PathBase}{request.Path}{query.ToQueryString()}";
    }
}
