using DuckDB.NET.Data;

namespace VoteFunctions.Tests;

/// <summary>
/// A crash while DuckDB commits an ingest. DuckDB 1.5.6 replays a torn commit only in part: with
/// the last bytes of its write-ahead log cut, a large file's votes come back without their ledger
/// row, weekly counts or rejected lines. Opening the warehouse must find and remove them.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Generate(string name, long rows, int seed)
    {
        var path = folder.PathOf(name);
        new VoteFileGenerator { Rows = rows, Seed = seed, DuplicateRate = 0.01, BadLineRate = 0.001 }.WriteTo(path);
        return path;
    }

    /// <summary>Ingests the files; the last one's commit stays in the write-ahead log, whose last bytes are then cut.</summary>
    private static void IngestAndTearTheLastCommit(string database, string first, string last)
    {
        using (var warehouse = Warehouse.Open(database))
        {
            warehouse.IngestFileAsync(first).GetAwaiter().GetResult();
            using (var settings = new DuckDBConnection($"Data Source={database}"))
            {
                settings.Open();
                using var command = settings.CreateCommand();
                command.CommandText = "SET checkpoint_threshold = '100GB'; PRAGMA disable_checkpoint_on_shutdown;";
                command.ExecuteNonQuery();
            }
            warehouse.IngestFileAsync(last).GetAwaiter().GetResult();
        }
        using var wal = new FileStream(database + ".wal", FileMode.Open);
        wal.SetLength(wal.Length - 10);
    }

    private static long Count(string database, string sql) => long.Parse(new TestWarehouse.Reader(database).Query(sql)[0][0]);

    [Fact]
    public async Task A_commit_torn_by_a_crash_is_removed_on_open_and_the_file_is_then_ingested_exactly_once()
    {
        var small = Generate("small.jsonl", 40_000, seed: 5);
        var big = Generate("big.jsonl", 300_000, seed: 7);
        var database = folder.PathOf("warehouse.db");
        IngestAndTearTheLastCommit(database, small, big);

        var cli = CliRunner.Run(folder.PathOf(""), "outliers", "-w", database);
        string? repaired = null;
        using (var reopened = Warehouse.Open(database, new WarehouseOptions { Log = message => repaired = message }))
        {
            Assert.Null(repaired); // the CLI repaired it already
            Assert.Equal(0, cli.ExitCode);
            Assert.Matches(@"^votes: the warehouse was repaired after a crash: removed [\d,]+ votes and \d+ rejected lines of an ingest that has no ledger row\n$", cli.Stderr);

            Assert.Equal(0, Count(database, "SELECT count(*) FROM blog_analysis.votes ANTI JOIN blog_analysis.ingested_files USING (FileId)"));
            Assert.Equal(Count(database, "SELECT count(*) FROM blog_analysis.votes"), Count(database, "SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts"));

            var again = await reopened.IngestFileAsync(big);
            Assert.False(again.AlreadyIngested);
        }

        using var reference = new TestWarehouse();
        await reference.Ingest(small);
        var expected = await reference.Ingest(big);
        const string everything = """
            SELECT (SELECT count(*) FROM blog_analysis.votes), (SELECT count(DISTINCT Id) FROM blog_analysis.votes),
                   (SELECT sum(VoteCount) FROM blog_analysis.weekly_vote_counts), (SELECT count(*) FROM blog_analysis.rejected_lines),
                   (SELECT sum(Inserted) FROM blog_analysis.ingested_files)
            """;
        Assert.Equal(reference.Query(everything)[0], new TestWarehouse.Reader(database).Query(everything)[0]);
        Assert.True(expected.Inserted > 250_000);
    }

    [Fact]
    public async Task A_ledger_row_whose_votes_were_lost_is_removed_so_that_the_file_can_be_ingested_again()
    {
        var small = Generate("small.jsonl", 1_000, seed: 5);
        var database = folder.PathOf("warehouse.db");
        using (var warehouse = Warehouse.Open(database)) await warehouse.IngestFileAsync(small);
        new TestWarehouse.Reader(database).Query("DELETE FROM blog_analysis.votes WHERE Id % 2 = 0");

        string? repaired = null;
        using var reopened = Warehouse.Open(database, new WarehouseOptions { Log = message => repaired = message });

        Assert.Equal("the warehouse was repaired after a crash: removed small.jsonl, which was only partly stored (ingest it again); rebuilt the weekly vote counts from the votes", repaired);
        Assert.Empty(reopened.ListIngestedFiles());
        Assert.Equal(0, Count(database, "SELECT count(*) FROM blog_analysis.votes"));
        Assert.Equal(0, Count(database, "SELECT count(*) FROM blog_analysis.weekly_vote_counts"));
    }

    [Fact]
    public async Task The_duplicate_check_sees_every_stored_vote_even_one_without_a_ledger_row()
    {
        using var test = new TestWarehouse();
        await test.IngestText("a.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00")));
        test.Query("INSERT INTO blog_analysis.votes VALUES (2, 1, 2, TIMESTAMP '2022-01-10 10:00:00', NULL, NULL, 99)");

        var result = await test.IngestText("b.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(2, "2022-01-10T10:00:00"), TestWarehouse.Vote(3, "2022-01-10T10:00:00")));

        Assert.Equal((1L, 1L), (result.Inserted, result.Duplicates));
        Assert.Equal(3, test.VoteCount);
    }
}
