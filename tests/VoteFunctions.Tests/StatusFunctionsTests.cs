using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace VoteFunctions.Tests;

/// <summary>GET /api/status, and the runs of the catch-up and the nightly refresh it shows, with a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusFunctionsTests(AzuriteFixture azurite)
{
    private static string Votes(int from, int to) => TestWarehouse.Votes(from, to, new DateTime(2018, 1, 1), TimeSpan.FromHours(5));

    private static async Task<JsonElement> GetStatus(Warehouse warehouse, BlobContainerClient container)
    {
        var result = Assert.IsType<ContentResult>(await new GetStatus(warehouse).Run(HttpRequests.Get("/api/status"), container, CancellationToken.None));
        Assert.Equal((200, "application/json; charset=utf-8"), (result.StatusCode, result.ContentType));
        return JsonDocument.Parse(result.Content!).RootElement.Clone();
    }

    [Fact]
    public async Task Status_counts_the_warehouse_names_the_blobs_the_next_catch_up_would_take_and_shows_each_run_after_it()
    {
        var container = azurite.NewContainer();
        using var test = new TestWarehouse();
        for (var i = 0; i < 3; i++)
            await new VoteContainer(container).UploadAsync(test.WriteFile($"part-{i}.jsonl", Votes(1 + 300 * i, 500 + 300 * i) + "not json\n"));
        await test.Ingest(Path.Combine(test.Folder, "part-0.jsonl"));

        var before = await GetStatus(test.Warehouse, container);
        await new CatchUpMissedBlobs(test.Warehouse, NullLogger<CatchUpMissedBlobs>.Instance).Run(new TimerInfo(), container, CancellationToken.None);
        var afterCatchUp = await GetStatus(test.Warehouse, container);
        await new NightlyRefresh(test.Warehouse, NullLogger<NightlyRefresh>.Instance).Run(new TimerInfo(), container, CancellationToken.None);
        var afterNight = await GetStatus(test.Warehouse, container);

        Assert.Equal((500L, 1L, 501L, 1L, 1L), (before.GetProperty("votes").GetInt64(), before.GetProperty("files").GetInt64(),
            before.GetProperty("linesRead").GetInt64(), before.GetProperty("rejected").GetInt64(), before.GetProperty("rejectedLinesKept").GetInt64()));
        Assert.Equal("part-0.jsonl", before.GetProperty("lastIngest").GetProperty("fileName").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("lastCatchUp").ValueKind);
        var pending = before.GetProperty("pendingBlobs");
        Assert.Equal((2, 3), (pending.GetProperty("count").GetInt32(), pending.GetProperty("blobsListed").GetInt32()));
        Assert.Equal(["part-1.jsonl", "part-2.jsonl"], pending.GetProperty("blobs").EnumerateArray().Select(b => b.GetProperty("name").GetString()).Order());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("error").ValueKind);
        Assert.True(before.GetProperty("databaseBytes").GetInt64() > 0);
        Assert.Equal(test.DatabasePath, before.GetProperty("databasePath").GetString());

        var catchUp = afterCatchUp.GetProperty("lastCatchUp");
        Assert.Equal(("catch-up", 3, 1, 2, 0), (catchUp.GetProperty("kind").GetString(), catchUp.GetProperty("blobsListed").GetInt32(),
            catchUp.GetProperty("alreadyIngested").GetInt32(), catchUp.GetProperty("ingested").GetInt32(), catchUp.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, catchUp.GetProperty("votes").ValueKind);
        Assert.Equal((1100L, 3L, 0), (afterCatchUp.GetProperty("votes").GetInt64(), afterCatchUp.GetProperty("files").GetInt64(), afterCatchUp.GetProperty("pendingBlobs").GetProperty("count").GetInt32()));

        var night = afterNight.GetProperty("lastNightlyRefresh");
        Assert.Equal(("nightly-refresh", 3, 0, 1100L), (night.GetProperty("kind").GetString(), night.GetProperty("alreadyIngested").GetInt32(),
            night.GetProperty("ingested").GetInt32(), night.GetProperty("votes").GetInt64()));
        Assert.Equal(afterNight.GetProperty("weeks").GetInt32(), night.GetProperty("weeks").GetInt32());
        Assert.True(night.GetProperty("finishedAt").GetDateTime() >= night.GetProperty("startedAt").GetDateTime());
        // Times are UTC and say so, as in `votes files -f json`.
        Assert.All([night.GetProperty("startedAt"), night.GetProperty("finishedAt"), afterNight.GetProperty("lastIngest").GetProperty("ingestedAt")],
            time => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", time.GetString()));
        Assert.Equal(catchUp.GetRawText(), afterNight.GetProperty("lastCatchUp").GetRawText()); // one run of each kind is kept, each its own
    }

    [Fact]
    public async Task A_container_that_cannot_be_listed_is_said_in_the_status_and_the_rest_is_still_shown()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("sample-votes.jsonl"));
        var unreachable = new BlobContainerClient(AzuriteFixture.ConnectionStringFor(blobPort: 9, queuePort: 9), "votes",
            new BlobClientOptions { Retry = { MaxRetries = 0 } });

        var status = await GetStatus(test.Warehouse, unreachable);

        Assert.Equal(16, status.GetProperty("votes").GetInt64());
        Assert.StartsWith("cannot list container votes: ", status.GetProperty("pendingBlobs").GetProperty("error").GetString());
    }

    [Fact]
    public void The_status_says_the_highest_model_version_the_warehouse_records()
    {
        using var test = new TestWarehouse();
        var opened = test.Warehouse.Status().SchemaVersion;

        test.Query($"INSERT INTO blog_analysis.schema_version VALUES ({WarehouseModel.Version + 1}, now())");

        Assert.Equal(WarehouseModel.Version, opened);
        Assert.Equal(WarehouseModel.Version + 1, test.Warehouse.Status().SchemaVersion);
    }

    [Fact]
    public void The_status_of_a_new_warehouse_is_all_zeros_and_nothing_run()
    {
        using var test = new TestWarehouse();

        var status = test.Warehouse.Status();

        Assert.Equal(new WarehouseStatus(0, 0, 0, 0, 0, 0, 0, 0, null, null, null, test.DatabasePath, status.DatabaseBytes, status.WriteAheadLogBytes, WarehouseModel.Version), status);
    }
}
