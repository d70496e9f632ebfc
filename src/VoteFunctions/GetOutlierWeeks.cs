using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>GET /api/outlier-weeks[?format=json|csv]: recreates the view and returns its rows.</summary>
public sealed class GetOutlierWeeks(Warehouse warehouse)
{
    [Function(nameof(GetOutlierWeeks))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "outlier-weeks")] HttpRequest request)
    {
        var format = request.Query["format"].FirstOrDefault()?.ToLowerInvariant() ?? "json";
        if (format is not ("json" or "csv"))
            return new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = $"unknown format '{format}': use format=json or format=csv\n" };

        var weeks = warehouse.RefreshOutlierWeeks();
        return format == "csv"
            ? new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/csv; charset=utf-8", Content = OutlierWeekFormats.ToCsv(weeks) }
            : new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json; charset=utf-8", Content = OutlierWeekFormats.ToJson(weeks) };
    }
}
