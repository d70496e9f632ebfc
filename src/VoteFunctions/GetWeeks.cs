using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>
/// GET /api/weeks[?format=json|csv]: returns every week with votes, the
/// mean, its deviation and whether it is an outlier: why a week is (or is not) in outlier-weeks.
/// </summary>
public sealed class GetWeeks(Warehouse warehouse)
{
    [Function(nameof(GetWeeks))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "weeks")] HttpRequest request) =>
        HttpResponses.Rows(request, warehouse.ReadWeeklyDeviation, WeeklyDeviationFormats.ToJson, WeeklyDeviationFormats.ToCsv);
}
