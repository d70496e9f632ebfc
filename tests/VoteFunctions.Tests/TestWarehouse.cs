using System.Text;
using DuckDB.NET.Data;

namespace VoteFunctions.Tests;

/// <summary>A warehouse in a fresh temporary folder, with helpers to write input files and query it.</summary>
public sealed class TestWarehouse : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("votes-test-").FullName;
    public string DatabasePath => Path.Combine(Folder, "warehouse.db");
    public Warehouse Warehouse { get; }

    public TestWarehouse(WarehouseOptions? options = null) => Warehouse = Warehouse.Open(DatabasePath, options);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Writes text exactly as given (no newline added) and returns the path.</summary>
    public string WriteFile(string name, string content) => WriteFile(name, Encoding.UTF8.GetBytes(content));

    public string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public Task<IngestResult> Ingest(string path, string? fileName = null) => Warehouse.IngestFileAsync(path, fileName);

    public Task<IngestResult> IngestText(string name, string content) => Ingest(WriteFile(name, content));

    /// <summary>A JSON line for one vote; the optional fields are left out when null.</summary>
    public static string Vote(long id, string creationDate, long postId = 1, int voteTypeId = 2, long? userId = null, int? bountyAmount = null) =>
        $$"""{"Id":"{{id}}","PostId":"{{postId}}","VoteTypeId":"{{voteTypeId}}","CreationDate":"{{creationDate}}"{{(userId is null ? "" : $",\"UserId\":\"{userId}\"")}}{{(bountyAmount is null ? "" : $",\"BountyAmount\":\"{bountyAmount}\"")}}}""";

    /// <summary>JSON lines for votes with Ids from..to, vote i created <paramref name="spacing"/> after vote i-1.</summary>
    public static string Votes(int from, int to, DateTime first, TimeSpan spacing) => Lines(Enumerable.Range(from, to - from + 1)
        .Select(i => Vote(i, first.Add(spacing * i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff"))).ToArray());

    /// <summary>
    /// JSON lines with the given number of votes in each week of 2022 (week 1 starts Monday
    /// 2022-01-03), spread over the week's hours; Ids from 1.
    /// </summary>
    public static string VotesPerWeekOf2022(IReadOnlyDictionary<int, int> votesPerWeek)
    {
        var id = 0;
        return Lines(votesPerWeek.SelectMany(week => Enumerable.Range(0, week.Value).Select(_ =>
            Vote(++id, new DateTime(2022, 1, 3).AddDays(7 * (week.Key - 1)).AddHours(id % 150).ToString("yyyy-MM-dd'T'HH:mm:ss.fff")))).ToArray());
    }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Rows of a query, each value as invariant text ("NULL" for null).</summary>
    public List<string[]> Query(string sql) => new Reader(DatabasePath).Query(sql);

    /// <summary>Queries on a warehouse file, each on its own connection.</summary>
    public sealed class Reader(string databasePath)
    {
        public List<string[]> Query(string sql)
        {
            using var connection = new DuckDBConnection($"Data Source={databasePath}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string[]>();
            while (reader.Read())
                rows.Add(Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)
                    .ToArray());
            return rows;
        }
    }

    public long Count(string sql) => long.Parse(Query(sql)[0][0]);

    public long VoteCount => Count("SELECT count(*) FROM blog_analysis.votes");

    /// <summary>The whole observable state, to compare before and after a failed ingest.</summary>
    public string Snapshot() => string.Join("\n", new[]
    {
        "SELECT * FROM blog_analysis.votes ORDER BY Id",
        "SELECT * FROM blog_analysis.ingested_files ORDER BY FileId",
        "SELECT * FROM blog_analysis.rejected_lines ORDER BY FileId, LineNumber",
        "SELECT * FROM blog_analysis.weekly_vote_counts ORDER BY Year, WeekNumber",
    }.SelectMany(Query).Select(r => string.Join("|", r)));

    public void Dispose()
    {
        Warehouse.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
