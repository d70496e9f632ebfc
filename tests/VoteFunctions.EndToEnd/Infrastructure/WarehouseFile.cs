using System.Globalization;
using DuckDB.NET.Data;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>How many votes a warehouse holds, and how many distinct Ids among them.</summary>
internal sealed record VoteCount(long Votes, long DistinctIds);

/// <summary>
/// A warehouse file read directly with DuckDB, as an analyst would. DuckDB lets one process at a
/// time open a file, so its host must be stopped first.
/// </summary>
internal sealed class WarehouseFile(string path)
{
    public string Path { get; } = path;

    public VoteCount CountVotes()
    {
        var row = Query("SELECT count(*), count(DISTINCT Id) FROM blog_analysis.votes").Single();
        return new VoteCount(long.Parse(row[0], CultureInfo.InvariantCulture), long.Parse(row[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Every vote, by Id, without the file it came from (which depends on the order files arrived in).</summary>
    public IReadOnlyList<string> Votes() =>
        Lines("SELECT Id, PostId, VoteTypeId, strftime(CreationDate, '%Y-%m-%dT%H:%M:%S.%f'), UserId, BountyAmount FROM blog_analysis.votes ORDER BY Id");

    public IReadOnlyList<string> WeeklyVoteCounts() =>
        Lines("SELECT Year, WeekNumber, VoteCount FROM blog_analysis.weekly_vote_counts ORDER BY Year, WeekNumber");

    /// <summary>The rejected lines the ledger counts, in all files.</summary>
    public long RejectedLines() => long.Parse(Query("SELECT coalesce(sum(Rejected), 0) FROM blog_analysis.ingested_files").Single()[0], CultureInfo.InvariantCulture);

    /// <summary>The ledger's entries recorded under <paramref name="fileName"/>.</summary>
    public int LedgerEntriesNamed(string fileName) =>
        int.Parse(Query("SELECT count(*) FROM blog_analysis.ingested_files WHERE FileName = $name", new DuckDBParameter("name", fileName)).Single()[0], CultureInfo.InvariantCulture);

    /// <summary>The size of the database file itself (not its write-ahead log): it grows as an ingest writes rows, before the commit.</summary>
    public long FileSize => File.Exists(Path) ? new FileInfo(Path).Length : 0;

    /// <summary>Opens the file for writing and keeps it open (and so locked against other processes) until disposed.</summary>
    public IDisposable Hold() => Open($"Data Source={Path}");

    private IReadOnlyList<string> Lines(string sql) => Query(sql).Select(row => string.Join(',', row)).ToList();

    private List<string[]> Query(string sql, params DuckDBParameter[] parameters)
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }

    private DuckDBConnection OpenReadOnly() => Open($"Data Source={Path};ACCESS_MODE=READ_ONLY");

    private static DuckDBConnection Open(string connectionString)
    {
        var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }
}
