using DuckDB.NET.Data;
using VoteFunctions.Core.Files;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// A file waiting for the writer (<see cref="IngestWriter"/>), and its caller's handle on the
/// outcome. Only the writer answers it, exactly once.
/// </summary>
internal sealed class IngestRequest(InputFile input, string fileName, string? knownSha256, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<IngestResult> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InputFile Input => input;

    /// <summary>The name recorded in the ledger.</summary>
    public string FileName => fileName;

    /// <summary>The content's SHA-256 when the caller hashed it already (a blob, hashed as it was copied).</summary>
    public string? KnownSha256 => knownSha256;

    public IProgress<IngestProgress>? Progress => progress;

    public CancellationToken CancellationToken => cancellationToken;

    public Task<IngestResult> Outcome => outcome.Task;

    public void Report(IngestStage stage, long done = 0, long total = 0) => progress?.Report(new(fileName, stage, done, total));

    public void Succeed(IngestResult result) => outcome.SetResult(result);

    /// <summary>Answers with a failure; DuckDB's and the file system's as a one-line error naming this file.</summary>
    public void Fail(Exception error) => outcome.SetException(Explained(error));

    public void Cancel() => outcome.SetCanceled(cancellationToken);

    /// <summary>The writer's last resort when it failed itself: a request it had not answered yet fails with that.</summary>
    public void FailIfUnanswered(Exception error) => outcome.TrySetException(error);

    private Exception Explained(Exception error) => error switch
    {
        DuckDBException duckDB => WarehouseException.From(duckDB, $"cannot ingest {fileName}"),
        AppendException append => new WarehouseException($"cannot ingest {fileName}: {WarehouseException.Cause(append.Message)}", append),
        IOException or UnauthorizedAccessException => new WarehouseException($"cannot ingest {fileName}: {error.Message}", error),
        // A damaged compressed file (Files/CheckedGzipStream.cs) is refused whole.
        InvalidDataException => new WarehouseException($"cannot ingest {fileName}: {error.Message}; nothing of it was stored", error),
        _ => error,
    };
}
