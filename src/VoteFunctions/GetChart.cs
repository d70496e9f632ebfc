using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>GET /api/chart: the weekly chart as a self-contained HTML page.</summary>
public sealed class GetChart(Warehouse warehouse)
{
    [Function(nameof(GetChart))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "chart")] HttpRequest request) =>
        HttpResponses.Text(StatusCodes.Status200OK, "text/html", WeeklyChart.Html(warehouse.ReadWeeklyDeviation()));
}
