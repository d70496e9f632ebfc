using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;

namespace VoteFunctions;

/// <summary>GET /api/rejects[?file=NAME][&amp;format=json|csv][&amp;limit=N][&amp;after=FILEID:LINE]: the kept rejected lines, a page at a time.</summary>
public sealed class GetRejects(Warehouse warehouse)
{
    [Function(nameof(GetRejects))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rejects")] HttpRequest request) =>
        RejectedLinesPages.Answer(request, warehouse);
}
