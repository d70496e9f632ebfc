using System.Threading.Channels;
using DuckDB.NET.Data;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// The warehouse's one writer of ingests: a loop that takes the files waiting, in arrival order, as
/// batches (a group commit: DuckDB's cost per statement and per commit, a few milliseconds whatever
/// the size, is paid once per batch instead of once per file), runs each batch
/// (<see cref="IngestPipeline"/>), and answers every request exactly once. It alone answers.
/// The batch's files are judged exactly as if they had come one after another, and each is still
/// all or nothing. A file the batch left undone goes back first in line for the next batch: when
/// another file failed after they were judged together, when another caller cancelled, or when
/// DuckDB ran out of memory (the next batches are then smaller, down to one file: a file that
/// would pass alone never fails for its batch-mates).
/// </summary>
internal sealed class IngestWriter : IDisposable
{
    /// <summary>
    /// A batch takes files until they add up to this much input (a gzip file counts as its
    /// likely decompressed size; a larger file is a batch of its own), so that a batch takes about
    /// a second and its staging stays a few hundred MB.
    /// </summary>
    public const long MaxBatchBytes = 64L << 20;

    /// <summary>At most this many files a batch: each brings a row to several small tables and a ledger row.</summary>
    public const int MaxBatchFiles = 1_000;

    /// <summary>JSON Lines of votes compress about eight times.</summary>
    private const int GzipRatio = 8;

    private readonly IngestPipeline pipeline;
    private readonly SemaphoreSlim writeLock;
    // A caller's files arrive together, so that they are batched together.
    private readonly Channel<IReadOnlyList<IngestRequest>> arriving = Channel.CreateUnbounded<IReadOnlyList<IngestRequest>>(new() { SingleReader = true });
    // The loop's own: the files taken from the channel, and those put back, first in line.
    private readonly LinkedList<IngestRequest> waiting = new();
    private readonly Task loop;
    private int maxFiles = MaxBatchFiles;

    /// <param name="writeLock">Held while a batch runs: the writer connection's other users (the nightly rebuild) take it too.</param>
    public IngestWriter(DuckDBConnection writer, WarehouseOptions options, SemaphoreSlim writeLock)
    {
        pipeline = new IngestPipeline(writer, options);
        this.writeLock = writeLock;
        loop = Task.Run(Loop);
    }

    /// <summary>Queues the files, in order; each task ends when its file is committed, found ingested already, or has failed or been cancelled.</summary>
    public IReadOnlyList<Task<IngestResult>> Submit(IEnumerable<IngestRequest> requests)
    {
        var files = requests.ToList();
        if (!arriving.Writer.TryWrite(files)) throw new ObjectDisposedException(nameof(Warehouse), "the warehouse is closed");
        return files.Select(request => request.Outcome).ToList();
    }

    private async Task Loop()
    {
        while (await NextBatch() is { Count: > 0 } batch)
        {
            try
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(batch.Select(request => request.CancellationToken).ToArray());
                await writeLock.WaitAsync();
                BatchOutcome outcome;
                try
                {
                    outcome = pipeline.Run(batch, cancel.Token);
                }
                finally
                {
                    writeLock.Release();
                }
                Answer(batch, outcome);
            }
            catch (Exception bug)
            {
                // A fault of the loop itself must not leave callers waiting for ever, nor stop the writer.
                foreach (var request in batch) request.FailIfUnanswered(bug);
            }
        }
    }

    /// <summary>The next batch: files first in line, within the limits; empty when the writer is closed and nothing waits.</summary>
    private async Task<List<IngestRequest>> NextBatch()
    {
        while (true)
        {
            while (arriving.Reader.TryRead(out var files))
                foreach (var request in files) waiting.AddLast(request);
            var batch = new List<IngestRequest>();
            long bytes = 0;
            while (waiting.First?.Value is { } next)
            {
                var size = next.Input.IsGzip ? next.Input.Size * GzipRatio : next.Input.Size;
                if (batch.Count > 0 && (batch.Count == maxFiles || bytes + size > MaxBatchBytes)) break;
                waiting.RemoveFirst();
                // Cancelled while it waited: answered now, never read.
                if (next.CancellationToken.IsCancellationRequested) next.Cancel();
                else
                {
                    batch.Add(next);
                    bytes += size;
                }
            }
            if (batch.Count > 0 || !await arriving.Reader.WaitToReadAsync()) return batch;
        }
    }

    /// <summary>Answers each file of the batch once, or puts it back first in line.</summary>
    private void Answer(List<IngestRequest> batch, BatchOutcome outcome)
    {
        var stopped = outcome.Stopped;
        var cancelled = stopped is OperationCanceledException && batch.Any(request => request.CancellationToken.IsCancellationRequested);
        var outOfMemory = stopped is not null && WarehouseException.IsOutOfMemory(stopped) && batch.Count > 1;
        // Smaller batches after DuckDB ran out of memory, larger again once they pass.
        maxFiles = outOfMemory ? Math.Max(1, batch.Count / 2) : stopped is null ? Math.Min(MaxBatchFiles, maxFiles * 2) : maxFiles;
        var again = new List<IngestRequest>();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (outcome.Files[i] is { Error: { } error }) request.Fail(error);
            else if (outcome.Files[i] is { Result: { } result }) request.Succeed(result);
            else if (request.CancellationToken.IsCancellationRequested) request.Cancel();
            else if (stopped is null || cancelled || outOfMemory) again.Add(request);
            else request.Fail(stopped);
        }
        for (var i = again.Count - 1; i >= 0; i--) waiting.AddFirst(again[i]);
    }

    /// <summary>Lets the files queued be ingested, then ends the loop.</summary>
    public void Dispose()
    {
        arriving.Writer.TryComplete();
        loop.GetAwaiter().GetResult();
    }
}
