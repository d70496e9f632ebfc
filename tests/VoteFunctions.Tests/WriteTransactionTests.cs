using DuckDB.NET.Data;

namespace VoteFunctions.Tests;

public sealed class WriteTransactionTests : IDisposable
{
    private readonly DuckDBConnection connection = new("Data Source=:memory:");

    public WriteTransactionTests() => connection.Open();

    public void Dispose() => connection.Dispose();

    [Fact]
    public void The_first_error_is_reported_even_when_the_rollback_fails_too()
    {
        // The work ends the transaction itself, so the rollback after its failure fails as well.
        var error = Assert.Throws<IOException>(() => WriteTransaction.Run(connection, () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "ROLLBACK";
            command.ExecuteNonQuery();
            throw new IOException("No space left on device");
        }));

        Assert.Equal("No space left on device", error.Message);
    }

    [Fact]
    public void A_failed_step_leaves_nothing_of_the_transaction()
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            create.ExecuteNonQuery();
        }

        Assert.Throws<InvalidOperationException>(() => WriteTransaction.Run(connection, () =>
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES (1)";
            insert.ExecuteNonQuery();
            throw new InvalidOperationException("failed after the insert");
        }));

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());
    }
}
