using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>How the HTTP functions answer: text with its media type, and rows as JSON or CSV chosen by ?format=.</summary>
internal static class HttpResponses
{
    public static ContentResult Text(int status, string mediaType, string content) =>
        new() { StatusCode = status, ContentType = mediaType + "; charset=utf-8", Content = content };

    /// <summary>A 400 that says what to send instead, in one line.</summary>
    public static ContentResult BadRequest(string message) => Text(StatusCodes.Status400BadRequest, "text/plain", message + "\n");

    /// <summary>The format asked for with ?format=, in lower case: json (the default) or csv; null for any other.</summary>
    public static string? FormatOf(HttpRequest request) => (request.Query["format"].FirstOrDefault() ?? "json").ToLowerInvariant() switch
    {
        "json" => "json",
        "csv" => "csv",
        _ => null,
    };

    public static ContentResult UnknownFormat(HttpRequest request) =>
        BadRequest($"unknown format '{DisplayText.Escape(request.Query["format"].FirstOrDefault() ?? "")}': use format=json or format=csv");

    /// <summary>
    /// The rows as JSON (the default) or as CSV with ?format=csv, the format in any case; another
    /// format is a 400 that says which to use, and the rows are not read.
    /// </summary>
    public static IActionResult Rows<T>(HttpRequest request, Func<T> read, Func<T, string> toJson, Func<T, string> toCsv) => FormatOf(request) switch
    {
        "json" => Text(StatusCodes.Status200OK, "application/json", toJson(read())),
        "csv" => Text(StatusCodes.Status200OK, "text/csv", toCsv(read())),
        _ => UnknownFormat(request),
    };
}
