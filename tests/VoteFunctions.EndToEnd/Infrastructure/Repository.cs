namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>Paths in the repository the suite runs from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string BundledDataset => PathOf("data/votes-2017-2021.jsonl.gz");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "VoteFunctions.sln"))) return folder.FullName;
        throw new InvalidOperationException("cannot find the repository root (VoteFunctions.sln) above " + AppContext.BaseDirectory);
    }
}
