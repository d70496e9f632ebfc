using DuckDB.NET.Data;

namespace VoteFunctions.Core.Sql;

/// <summary>One transaction on the writer: committed when the work returns, rolled back when it throws.</summary>
internal static class WriteTransaction
{
    public static T Run<T>(DuckDBConnection writer, Func<T> work)
    {
        var transaction = writer.BeginTransaction();
        try
        {
            var result = work();
            transaction.Commit();
            return result;
        }
        catch
        {
            // The first error is the one to report: a rollback after a failed statement (a full
            // disk, say) can fail too, with a message that would hide the cause.
            try { transaction.Rollback(); } catch (Exception) { }
            throw;
        }
        finally
        {
            try { transaction.Dispose(); } catch (Exception) { }
        }
    }

    public static void Run(DuckDBConnection writer, Action work) => Run(writer, () => { work(); return 0; });
}
