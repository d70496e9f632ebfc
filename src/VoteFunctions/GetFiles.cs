using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

namespace VoteFunctions;

/// <summary>GET /api/files[?format=json|csv]: the ledger, as <c>votes files</c> prints it.</summary>
public sealed class GetFiles(Warehouse warehouse)
{
    [Function(nameof(GetFiles))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "files")] HttpRequest request) =>
        HttpResponses.Rows(request, warehouse.ListIngestedFiles, IngestedFileFormats.ToJson, IngestedFileFormats.ToCsv);
}
