using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;
using VoteFunctions.Core.Storage;

namespace VoteFunctions;

/// <summary>
/// GET /api/status: the warehouse's counts and the ledger's totals, the last ingest, the last
/// catch-up and nightly refresh, the file's size and schema version, and the blobs the next
/// catch-up would take (JSON).
/// </summary>
public sealed class GetStatus(Warehouse warehouse)
{
    [Function(nameof(GetStatus))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "status")] HttpRequest request,
        [BlobInput("%VotesContainer%", Connection = "VotesStorage")] BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        var pending = await new VoteContainer(container).PendingAsync(warehouse, cancellationToken);
        return HttpResponses.Text(StatusCodes.Status200OK, "application/json", StatusFormats.ToJson(warehouse.Status(), pending));
    }
}
