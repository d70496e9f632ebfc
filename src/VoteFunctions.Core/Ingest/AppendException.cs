using DuckDB.NET.Native;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// DuckDB's appender failed (<see cref="VoteChunkAppender"/>): its message and error type, as a
/// DuckDBException would carry them (DuckDB.NET does not let a caller make one).
/// </summary>
internal sealed class AppendException(string message, DuckDBErrorType errorType) : Exception(message)
{
    public DuckDBErrorType ErrorType => errorType;
}
