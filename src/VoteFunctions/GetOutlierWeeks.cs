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
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "outlier-weeks")] HttpRequest request) =>
        HttpResponses.Rows(request, warehouse.RefreshOutlierWeeks, OutlierWeekFormats.ToJson, OutlierWeekFormats.ToCsv);
}
