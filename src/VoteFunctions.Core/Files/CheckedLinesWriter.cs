using System.Runtime.CompilerServices;

namespace VoteFunctions.Core.Files;

/// <summary>
/// What one part of a file's line check writes: its votes and its kept bad lines, in blocks handed
/// to the <see cref="CheckedLinesQueue"/> as they fill. Only a completed part hands on its last
/// block; the blocks of a part that failed are dropped by slot (Ingest/Staging.cs).
/// </summary>
internal sealed class CheckedLinesWriter(CheckedLinesQueue queue, int fileSlot, CancellationToken cancellationToken) : IDisposable
{
    private CheckedLines? block = queue.Rent(fileSlot);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long lineNumber, in Vote vote)
    {
        block!.Add(lineNumber, vote);
        if (block.IsFull) HandOn();
    }

    public void Reject(RejectedLineText line)
    {
        block!.Rejections.Add(line);
        if (block.IsFull) HandOn();
    }

    /// <summary>Hands on the last block: the part is complete.</summary>
    public void Complete()
    {
        queue.Post(block!, cancellationToken);
        block = null;
    }

    private void HandOn()
    {
        queue.Post(block!, cancellationToken);
        block = queue.Rent(fileSlot);
    }

    public void Dispose()
    {
        if (block is not null) queue.Return(block);
    }
}
