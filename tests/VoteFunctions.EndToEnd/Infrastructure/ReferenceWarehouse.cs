namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// What the command-line tool makes of the same files (<c>votes ingest</c>, then <c>votes outliers
/// -f csv</c>) in a warehouse of its own: the expected result for the host.
/// </summary>
internal sealed record ReferenceWarehouse(WarehouseFile Warehouse, byte[] OutlierWeeksCsv)
{
    public static async Task<ReferenceWarehouse> BuildAsync(string folder, params string[] files)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "cli-warehouse.db");
        await VotesCli.RunAsync(folder, ["ingest", .. files, "-w", path]);
        var outliers = await VotesCli.RunAsync(folder, "outliers", "-w", path, "-f", "csv");
        return new ReferenceWarehouse(new WarehouseFile(path), outliers.StandardOutput);
    }

    private static readonly Lazy<Task<ReferenceWarehouse>> OfBundledDataset = new(() =>
    {
        return BuildAsync(RunFolders.Create("cli-bundled-dataset"), Repository.BundledDataset);
    });

    /// <summary>The CLI's warehouse of data/votes-2017-2021.jsonl.gz, built once per run.</summary>
    public static Task<ReferenceWarehouse> BundledDatasetAsync() => OfBundledDataset.Value;
}
