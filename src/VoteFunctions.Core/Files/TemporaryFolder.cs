namespace VoteFunctions.Core.Files;

/// <summary>A private folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private readonly string path = Directory.CreateTempSubdirectory("votefunctions-").FullName;

    public string Folder => path;

    public string PathOf(string name) => Path.Combine(path, name);

    public void Dispose()
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless; the OS cleans /tmp */ }
    }
}
