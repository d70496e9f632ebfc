using DuckDB.NET.Data;
using DuckDB.NET.Native;
using VoteFunctions.Core.Files;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// DuckDB's appender on the staging table typed_lines (Sql/ingest/1_staging_tables.sql), fed whole
/// columns: each block of checked votes is copied into a data chunk's vectors, 2,048 rows at a time,
/// with one copy per column, where DuckDB.NET's appender takes one value at a time (2M rows: about
/// 0.3 s against 1.1 s). It calls DuckDB's C API (duckdb_append_data_chunk) through DuckDB.NET's
/// public bindings. A vector is raw memory of its column's type: <see cref="Columns"/> must match the
/// table's columns exactly, and the block's arrays are of those widths.
/// </summary>
internal sealed unsafe class VoteChunkAppender : IDisposable
{
    /// <summary>typed_lines' columns: FileSlot, LineNumber, Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount.</summary>
    private static readonly DuckDBType[] Columns =
        [DuckDBType.Integer, DuckDBType.BigInt, DuckDBType.BigInt, DuckDBType.BigInt, DuckDBType.SmallInt, DuckDBType.Timestamp, DuckDBType.BigInt, DuckDBType.Integer];

    private readonly NativeAppender appender;
    private readonly DuckDBLogicalType[] types;
    private readonly DuckDBDataChunk chunk;
    private readonly int vectorSize = (int)NativeMethods.Helpers.DuckDBVectorSize();

    public VoteChunkAppender(DuckDBConnection writer)
    {
        Check(NativeMethods.Appender.DuckDBAppenderCreateExt(writer.NativeConnection, "temp", "main", "typed_lines", out appender));
        types = Columns.Select(NativeMethods.LogicalType.DuckDBCreateLogicalType).ToArray();
        chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(types.Select(type => type.DangerousGetHandle()).ToArray(), (ulong)types.Length);
    }

    public void Append(CheckedLines block)
    {
        for (var start = 0; start < block.Count; start += vectorSize)
        {
            var count = Math.Min(vectorSize, block.Count - start);
            NativeMethods.DataChunks.DuckDBDataChunkReset(chunk); // also marks every value valid again
            Column<int>(0, count).Fill(block.FileSlot);
            block.LineNumbers.AsSpan(start, count).CopyTo(Column<long>(1, count));
            block.Ids.AsSpan(start, count).CopyTo(Column<long>(2, count));
            block.PostIds.AsSpan(start, count).CopyTo(Column<long>(3, count));
            block.VoteTypeIds.AsSpan(start, count).CopyTo(Column<short>(4, count));
            block.CreationDates.AsSpan(start, count).CopyTo(Column<long>(5, count));
            block.UserIds.AsSpan(start, count).CopyTo(Column<long>(6, count));
            NullWhereAbsent(6, block.HasUserId.AsSpan(start, count));
            block.BountyAmounts.AsSpan(start, count).CopyTo(Column<int>(7, count));
            NullWhereAbsent(7, block.HasBountyAmount.AsSpan(start, count));
            NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)count);
            Check(NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk));
        }
    }

    /// <summary>Writes what is still buffered into the table: the rows count only once it returns.</summary>
    public void Close() => Check(NativeMethods.Appender.DuckDBAppenderClose(appender));

    private Span<T> Column<T>(int column, int count) where T : unmanaged =>
        new(NativeMethods.Vectors.DuckDBVectorGetData(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, column)), count);

    /// <summary>Marks NULL the rows of an optional column whose field the line did not give.</summary>
    private void NullWhereAbsent(int column, ReadOnlySpan<bool> given)
    {
        if (!given.Contains(false)) return;
        var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, column);
        NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(vector);
        var validity = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
        for (var row = 0; row < given.Length; row++)
            if (!given[row]) validity[row >> 6] &= ~(1UL << (row & 63));
    }

    private void Check(DuckDBState state)
    {
        if (state == DuckDBState.Success) return;
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        throw new AppendException(NativeMethods.ErrorData.DuckDBErrorDataMessage(error), NativeMethods.ErrorData.DuckDBErrorDataErrorType(error));
    }

    public void Dispose()
    {
        chunk.Dispose();
        foreach (var type in types) type.Dispose();
        appender.Dispose();
    }
}
