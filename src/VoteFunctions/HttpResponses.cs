using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>How the HTTP functions answer: text with its media type, and rows as JSON or CSV chosen by ?format=.</summary>
internal static class HttpResponses
{
    public static ContentResult Text(int status, string mediaType, string content) =>
        new() { StatusCode = status, ContentType = mediaType + "; charset=utf-8", Content = content };

    /// <summary>
    /// The rows as JSON (the default) or as CSV with ?format=csv, the format in any case; another
    /// format is a 400 that says which to use, and the rows are not read.
    /// </summary>
    public static IActionResult Rows<T>(HttpRequest request, Func<T> read, Func<T, string> toJson, Func<T, string> toCsv)
    {
        var format = request.Query["format"].FirstOrDefault() ?? "json";
        return format.ToLowerInvariant() switch
        {
            "json" => Text(StatusCodes.Status200OK, "application/json", toJson(read())),
            "csv" => Text(StatusCodes.Status200OK, "text/csv", toCsv(read())),
            _ => Text(StatusCodes.Status400BadRequest, "text/plain", $"unknown format '{DisplayText.Escape(format)}': use format=json or format=csv\n"),
        };
    }
}
