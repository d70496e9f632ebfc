namespace VoteFunctions.Core.Ingest;

/// <summary>
/// The files waiting for the writer, in arrival order. Whoever holds the write lock takes the ones
/// waiting as one batch (a group commit): DuckDB's cost per statement and per commit, a few
/// milliseconds each whatever the size, is then paid once per batch instead of once per file.
/// The batch's files are judged exactly as if they had come one after another (see
/// <see cref="IngestPipeline"/>), and each is still all or nothing.
/// </summary>
internal sealed class IngestQueue
{
    /// <summary>
    /// A batch takes files until they add up to this much, as stored (a gzip file counts compressed;
    /// a larger file is a batch of its own):
    /// a few hundred small files, staged in a few hundred MB of memory at most, so that a batch
    /// takes about a second and memory stays bounded.
    /// </summary>
    public const long MaxBatchBytes = 64L << 20;

    private readonly LinkedList<IngestRequest> waiting = new();

    public void Add(IEnumerable<IngestRequest> requests)
    {
        lock (waiting)
            foreach (var request in requests) waiting.AddLast(request);
    }

    /// <summary>
    /// Puts back, first in line and in their order, the unanswered files of a batch that stopped
    /// before its commit; those whose caller has cancelled meanwhile are answered instead. (Under
    /// the lock that <see cref="TryRemove"/> takes, so that a caller who cancels either finds its
    /// file here or sees it answered.)
    /// </summary>
    public void PutBack(IReadOnlyList<IngestRequest> batch)
    {
        lock (waiting)
        {
            for (var i = batch.Count - 1; i >= 0; i--)
            {
                if (batch[i].IsDone) continue;
                if (batch[i].CancellationToken.IsCancellationRequested) batch[i].Cancel();
                else waiting.AddFirst(batch[i]);
            }
        }
    }

    /// <summary>Removes a file that has not been taken into a batch yet; false when it has.</summary>
    public bool TryRemove(IngestRequest request)
    {
        lock (waiting) return waiting.Remove(request);
    }

    /// <summary>The files first in line, up to <see cref="MaxBatchBytes"/> (at least one when any wait).</summary>
    public List<IngestRequest> TakeBatch()
    {
        var batch = new List<IngestRequest>();
        long bytes = 0;
        lock (waiting)
        {
            while (waiting.First is { } first && (batch.Count == 0 || bytes + first.Value.Input.Size <= MaxBatchBytes))
            {
                batch.Add(first.Value);
                bytes += first.Value.Input.Size;
                waiting.RemoveFirst();
            }
        }
        return batch;
    }
}
