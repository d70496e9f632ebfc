using DuckDB.NET.Data;

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
    internal static WarehouseException From(DuckDBException e, string doing)
    {
        var message = e.Message.Split('\n', 2)[0].Trim();
        bool Says(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        string cause;
        if (Says("Could not set lock") || Says("Conflicting lock"))
            cause = "it is in use by another process" + ProcessId(e.Message) + "; a warehouse file has one writer at a time, try again when that process ends";
        else if (Says("No space left on device"))
            cause = "the disk is full (no space left on device); nothing of this step was kept";
        else if (Says("Permission denied") || Says("Read-only"))
            cause = "permission denied (is the file or its folder read-only?)";
        else if (Says("not a valid DuckDB database") || Says("Corrupt") || Says("checksum"))
            cause = "the file is not a DuckDB database, or it is damaged (" + message + ")";
        else
            cause = message;
        return new WarehouseException($"{doing}: {cause}", e);
    }

    private static string ProcessId(string message)
    {
        var pid = System.Text.RegularExpressions.Regex.Match(message, @"PID (\d+)");
        return pid.Success ? $" (PID {pid.Groups[1].Value})" : "";
    }
}
