using System.Text.Json;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Storage;

namespace VoteFunctions.Core.Output;

/// <summary>The status of a running app as JSON: the warehouse's, and the blobs the next catch-up would take.</summary>
public static class StatusFormats
{
    /// <summary>The pending blobs named; their count and size cover them all.</summary>
    public const int PendingBlobsNamed = 100;

    // Read by people with curl as much as by machines.
    private static readonly JsonSerializerOptions Indented = new(OutlierWeekFormats.Json) { WriteIndented = true, Converters = { new UtcTimeJson() } };

    /// <summary>
    /// The <see cref="WarehouseStatus"/> fields, then "pendingBlobs": {"count", "sizeBytes",
    /// "blobsListed", "blobs": the first 100 [{"name", "sizeBytes"}], "error"}; and a newline.
    /// </summary>
    public static string ToJson(WarehouseStatus status, PendingBlobs pending)
    {
        var json = JsonSerializer.SerializeToNode(status, Indented)!.AsObject();
        json["pendingBlobs"] = JsonSerializer.SerializeToNode(new
        {
            count = pending.Blobs.Count,
            sizeBytes = pending.Blobs.Sum(blob => blob.SizeBytes),
            blobsListed = pending.BlobsListed,
            blobs = pending.Blobs.Take(PendingBlobsNamed),
            error = pending.Error,
        }, Indented);
        return json.ToJsonString(Indented) + "\n";
    }
}
