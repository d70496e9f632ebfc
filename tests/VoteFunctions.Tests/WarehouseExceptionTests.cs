namespace VoteFunctions.Tests;

/// <summary>DuckDB's failures as the one line a user reads (the messages as DuckDB 1.5 writes them).</summary>
public class WarehouseExceptionTests
{
    [Theory]
    [InlineData("IO Error: Could not write file \"/data/warehouse.db.wal\": No space left on device",
        "the disk is full (no space left on device); nothing of this step was kept")]
    [InlineData("IO Error: Could not set lock on file \"/data/warehouse.db\": Conflicting lock is held in /usr/bin/dotnet (PID 4242) by user root.\nSee also https://duckdb.org/docs/stable/connect/concurrency",
        "it is in use by another process (PID 4242); a warehouse file has one writer at a time, try again when that process ends")]
    [InlineData("IO Error: Cannot open file \"/data/warehouse.db\": Permission denied",
        "permission denied (is the file or its folder read-only?)")]
    [InlineData("IO Error: The file \"/data/x.db\" exists, but it is not a valid DuckDB database file!",
        "the file is not a DuckDB database, or it is damaged (IO Error: The file \"/data/x.db\" exists, but it is not a valid DuckDB database file!)")]
    [InlineData("Binder Error: something else\nwith a second line", "Binder Error: something else")]
    public void A_duckdb_error_becomes_one_line_that_says_what_to_do(string duckDbMessage, string cause)
    {
        Assert.Equal(cause, WarehouseException.Cause(duckDbMessage));
    }
}
