using System.IO.Compression;

namespace VoteFunctions.Tests;

/// <summary>
/// The model is applied on every open and its version recorded: a new warehouse has its views
/// before any read, an older one is brought to this version and keeps answering and ingesting,
/// and one written by a newer VoteFunctions is refused.
/// </summary>
public sealed class WarehouseModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-model-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static string Views(TestWarehouse.Reader reader) => string.Join(",", reader.Query(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'blog_analysis' ORDER BY view_name").Select(r => r[0]));

    [Fact]
    public async Task A_new_warehouse_has_its_views_and_its_version_before_anything_reads_it()
    {
        using var test = new TestWarehouse();
        await test.IngestText("votes.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00")));

        Assert.Equal("outlier_weeks,weekly_deviation", Views(new TestWarehouse.Reader(test.DatabasePath)));
        Assert.Equal([[WarehouseModel.Version.ToString()]], test.Query("SELECT Version FROM blog_analysis.schema_version"));
    }

    /// <summary>
    /// Fixtures/warehouse-105a23c.db.gz was written by the tool at commit 105a23c, before versions
    /// were recorded (version 1): sample-votes.jsonl, dirty/conflicting-duplicates.jsonl and
    /// dirty/blank-lines.jsonl, ingested in that order.
    /// </summary>
    [Fact]
    public async Task A_warehouse_written_before_versions_is_brought_to_this_model_and_keeps_answering_and_ingesting()
    {
        var path = Path.Combine(folder, "warehouse.db");
        using (var compressed = new GZipStream(File.OpenRead(TestWarehouse.Fixture("warehouse-105a23c.db.gz")), CompressionMode.Decompress))
        using (var file = File.Create(path))
            compressed.CopyTo(file);
        var reader = new TestWarehouse.Reader(path);
        Assert.Empty(reader.Query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'schema_version'"));

        using var warehouse = Warehouse.Open(path);

        Assert.Equal([["2"]], reader.Query("SELECT Version FROM blog_analysis.schema_version"));
        Assert.Equal("outlier_weeks,weekly_deviation", Views(reader));
        Assert.Equal(["sample-votes.jsonl", "conflicting-duplicates.jsonl", "blank-lines.jsonl"], warehouse.ListIngestedFiles().Select(f => f.FileName));
        Assert.Equal(9, warehouse.ListRejectedLines().Count());
        Assert.Equal([new(2022, 0, 1), new(2022, 1, 3), new(2022, 2, 4), new(2022, 5, 1), new(2022, 6, 1), new(2022, 8, 1)], warehouse.RefreshOutlierWeeks());

        var again = await warehouse.IngestFileAsync(TestWarehouse.Fixture("sample-votes.jsonl"));
        var more = await warehouse.IngestFileAsync(await WriteAsync("more.jsonl", TestWarehouse.Votes(100, 109, new DateTime(2022, 1, 10), TimeSpan.FromHours(1))));

        Assert.True(again.AlreadyIngested);
        Assert.Equal(10, more.Inserted);
        Assert.Equal([["27"]], reader.Query("SELECT count(*) FROM blog_analysis.votes"));
    }

    [Fact]
    public void A_warehouse_of_a_newer_model_is_refused_with_one_line_and_left_as_it_is()
    {
        var path = Path.Combine(folder, "warehouse.db");
        Warehouse.Open(path).Dispose();
        new TestWarehouse.Reader(path).Query($"INSERT INTO blog_analysis.schema_version VALUES ({WarehouseModel.Version + 1}, now())");

        var error = Assert.Throws<WarehouseException>(() => Warehouse.Open(path));

        Assert.Equal($"cannot open warehouse {path}: the warehouse was written by a newer VoteFunctions (model version {WarehouseModel.Version + 1}; this one knows up to {WarehouseModel.Version}): upgrade the tool or the app", error.Message);
        Assert.Equal([[(WarehouseModel.Version + 1).ToString()]], new TestWarehouse.Reader(path).Query("SELECT max(Version) FROM blog_analysis.schema_version"));
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
