using VoteFunctions.Core.Files;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// The files a batch stages in its temporary folder, named here and only here: each file's rows
/// (rows-{slot}-{part}.csv, a part per half of a file the line check cuts in two) and rejected
/// lines (line-rejections-{slot}.jsonl), and the raw text of the conflicts read back
/// (raw-lines.jsonl). The slot is the file's place in the batch; the SQL reads them by pattern.
/// </summary>
internal sealed class StagingFiles : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public string RowsOf(int slot, int part) => folder.PathOf($"rows-{slot}-{part}.csv");

    public string AllRows => folder.PathOf("rows-*.csv");

    public string LineRejectionsOf(int slot) => folder.PathOf($"line-rejections-{slot}.jsonl");

    public string AllLineRejections => folder.PathOf("line-rejections-*.jsonl");

    public string RawLines => folder.PathOf("raw-lines.jsonl");

    /// <summary>Deletes the rows and rejected lines of a file left out of the batch, so that DuckDB loads nothing of it.</summary>
    public void DeleteFilesOf(int slot)
    {
        foreach (var rows in Directory.EnumerateFiles(folder.Folder, $"rows-{slot}-*.csv")) File.Delete(rows);
        File.Delete(LineRejectionsOf(slot));
    }

    public void Dispose() => folder.Dispose();
}
