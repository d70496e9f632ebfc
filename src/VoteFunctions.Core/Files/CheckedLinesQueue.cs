using System.Collections.Concurrent;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Where the line check hands its <see cref="CheckedLines"/> to the one thread that loads them into
/// DuckDB (Ingest/Staging.cs), so that files are checked on every core while DuckDB loads. Bounded:
/// a check that runs ahead waits, and memory stays a few blocks whatever the file size. Blocks are
/// pooled, not collected.
/// </summary>
internal sealed class CheckedLinesQueue : IDisposable
{
    private const int BlocksInFlight = 8;

    private readonly BlockingCollection<CheckedLines> full = new(BlocksInFlight);
    private readonly ConcurrentBag<CheckedLines> free = [];

    /// <summary>An empty block for the lines of the file in <paramref name="fileSlot"/>.</summary>
    public CheckedLines Rent(int fileSlot) => (free.TryTake(out var block) ? block : new CheckedLines()).For(fileSlot);

    /// <summary>Hands a block on, waiting while the loader is behind.</summary>
    public void Post(CheckedLines block, CancellationToken cancellationToken)
    {
        if (block.Count == 0 && block.Rejections.Count == 0) Return(block);
        else full.Add(block, cancellationToken);
    }

    /// <summary>No more blocks will come.</summary>
    public void Complete() => full.CompleteAdding();

    /// <summary>The blocks as they come, until <see cref="Complete"/>; each goes back with <see cref="Return"/> once loaded.</summary>
    public IEnumerable<CheckedLines> Take(CancellationToken cancellationToken) => full.GetConsumingEnumerable(cancellationToken);

    public void Return(CheckedLines block) => free.Add(block);

    public void Dispose() => full.Dispose();
}
