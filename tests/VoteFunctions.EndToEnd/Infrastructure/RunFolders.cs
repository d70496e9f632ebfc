namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// Where a test run keeps its files (the published app, warehouses, Azurite's data, generated
/// vote files): e2e-run/ in the suite's build output, emptied when a run starts. Not the system
/// temp folder: the test host process is stopped too soon after the last test to delete a
/// 200 MB published app reliably, so what a run leaves behind waits here for the next run.
/// </summary>
internal static class RunFolders
{
    private static readonly Lazy<string> RunRoot = new(() =>
    {
        var root = Path.Combine(AppContext.BaseDirectory, "e2e-run");
        Delete(root);
        return Directory.CreateDirectory(root).FullName;
    });

    /// <summary>A new, empty folder named after <paramref name="purpose"/>.</summary>
    public static string Create(string purpose) =>
        Directory.CreateDirectory(Path.Combine(RunRoot.Value, $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}")).FullName;

    /// <summary>Deletes a folder and what it holds; one that cannot be deleted now is left for the next run.</summary>
    public static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
