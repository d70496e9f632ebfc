using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace VoteFunctions.Core;

/// <summary>
/// A failure a user can act on (a missing file, the warehouse in use, unreadable input, a full
/// disk), with a one-line message. Anything else is a bug and keeps its own type.
/// </summary>
public sealed class WarehouseException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// A DuckDB failure as one line a person can act on. DuckDB gives no error codes through
    /// DuckDB.NET, so its messages are matched here, and only here.
    /// </summary>
    internal static WarehouseException From(DuckDBException e, string doing) =>
        new($"{doing}: {Cause(e.Message)}", e) { InUseByAnotherProcess = IsLock(e.Message) };

    /// <summary>Rejected lines asked for by a file name the ledger does not have.</summary>
    public static WarehouseException NoFileNamed(string fileName) => new($"no file named {fileName} was ingested (see the ledger: votes files)");

    /// <summary>Another process holds the warehouse file (DuckDB lets one open it), such as a running Functions app.</summary>
    public bool InUseByAnotherProcess { get; init; }

    private static bool IsLock(string duckDbMessage) =>
        duckDbMessage.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase) || duckDbMessage.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase);

    /// <summary>DuckDB ran out of memory (its memory limit, WarehouseMemoryLimit): a smaller batch may pass.</summary>
    internal static bool IsOutOfMemory(Exception e) =>
        e is DuckDBException { ErrorType: DuckDBErrorType.OutOfMemory } or Ingest.AppendException { ErrorType: DuckDBErrorType.OutOfMemory };

    /// <summary>What a DuckDB error message means for the user, in one line.</summary>
    internal static string Cause(string duckDbMessage)
    {
        var message = duckDbMessage.Split('\n', 2)[0].Trim();
        bool Says(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (IsLock(message))
            return "it is in use by another process" + ProcessId(duckDbMessage) + "; a warehouse file has one writer at a time, try again when that process ends";
        if (Says("No space left on device"))
            return "the disk is full (no space left on device); nothing of this step was kept";
        if (Says("Permission denied") || Says("Read-only"))
            return "permission denied (is the file or its folder read-only?)";
        if (Says("Out of Memory"))
            return "DuckDB ran out of memory (" + message + "); raise the memory limit with the setting WarehouseMemoryLimit";
        if (Says("not a valid DuckDB database") || Says("Corrupt") || Says("checksum"))
            return "the file is not a DuckDB database, or it is damaged (" + message + ")";
        return message;
    }

    private static string ProcessId(string message)
    {
        var pid = System.Text.RegularExpressions.Regex.Match(message, @"PID (\d+)");
        return pid.Success ? $" (PID {pid.Groups[1].Value})" : "";
    }
}
