using DuckDB.NET.Data;

namespace VoteFunctions.Tests;

public class ParquetExportTests
{
    [Fact]
    public async Task The_parquet_export_read_back_gives_the_same_outlier_weeks()
    {
        using var test = new TestWarehouse();
        var votes = test.WriteFile("votes.jsonl", "");
        new VoteFileGenerator { Rows = 20_000, Seed = 11 }.WriteTo(votes);
        await test.Ingest(votes);
        var folder = Path.Combine(test.Folder, "lake");

        var exported = test.Warehouse.ExportVotesToParquet(folder);

        Assert.Equal(20_000, exported);
        Assert.True(Directory.Exists(Path.Combine(folder, "Year=2017", "WeekNumber=0")), "Hive-style Year=/WeekNumber= folders");

        // Another engine's view of the lake: the weekly aggregate from the Parquet files alone,
        // then the warehouse's own outlier model over it.
        using var lake = new DuckDBConnection("Data Source=:memory:");
        lake.Open();
        using (var command = lake.CreateCommand())
        {
            command.CommandText = $"""
                CREATE SCHEMA blog_analysis;
                CREATE TABLE blog_analysis.weekly_vote_counts AS
                SELECT Year, WeekNumber, count(*) AS VoteCount
                FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
                GROUP BY ALL;
                """;
            command.ExecuteNonQuery();
        }
        SqlScript.Load("model/weekly_deviation.sql").Execute(lake);
        SqlScript.Load("model/outlier_weeks.sql").Execute(lake);
        using var query = lake.CreateCommand();
        query.CommandText = "SELECT * FROM blog_analysis.outlier_weeks";
        using var reader = query.ExecuteReader();
        var fromLake = new List<OutlierWeek>();
        while (reader.Read()) fromLake.Add(new OutlierWeek(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));

        Assert.NotEmpty(fromLake);
        Assert.Equal(test.Warehouse.RefreshOutlierWeeks(), fromLake);
    }

    [Fact]
    public void Exporting_into_a_folder_that_is_not_empty_is_refused()
    {
        using var test = new TestWarehouse();
        var error = Assert.Throws<WarehouseException>(() => test.Warehouse.ExportVotesToParquet(test.Folder));
        Assert.Contains("not empty", error.Message);
    }
}
