using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// GET /api/overview: one self-contained HTML page with the status, the weekly chart, the latest
/// files and the latest rejected lines. A key given as ?code= is kept in the page's links.
/// </summary>
public sealed class GetOverview(Warehouse warehouse)
{
    [Function(nameof(GetOverview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "overview")] HttpRequest request,
        [BlobInput("%VotesContainer%", Connection = "VotesStorage")] BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        var pending = await new VoteContainer(container).PendingAsync(warehouse, cancellationToken);
        return HttpResponses.Text(StatusCodes.Status200OK, "text/html", OverviewPage.Html(warehouse, pending, request.Query["code"].FirstOrDefault()));
    }
}
