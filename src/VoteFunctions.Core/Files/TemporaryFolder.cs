namespace VoteFunctions.Core.Files;

/// <summary>A private folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private readonly string path = Directory.CreateTempSubdirectory("votefunctions-").FullName;

    public string Folder => path;

    public string PathOf(string name) => Path.Combine(path, name);

    /// <summary>
    /// Deletes what the line check wrote for the file of this slot of an ingest batch (its rows and
    /// its rejected lines), so that a file left out of the batch leaves nothing for DuckDB to load.
    /// </summary>
    public void DeleteOutputsOf(int fileSlot)
    {
        foreach (var rows in Directory.EnumerateFiles(path, $"rows-{fileSlot}-*.csv")) File.Delete(rows);
        File.Delete(PathOf($"line-rejections-{fileSlot}.jsonl"));
    }

    public void Dispose()
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless; the OS cleans /tmp */ }
    }
}
