namespace VoteFunctions.Core;

/// <summary>How a warehouse is opened. The first opener of a file in a process sets them.</summary>
public sealed record WarehouseOptions
{
    /// <summary>
    /// DuckDB's memory limit (setting WarehouseMemoryLimit): past it, DuckDB spills to
    /// &lt;warehouse&gt;.tmp/. The process peaks 300 to 370 MB above it (the .NET runtime, DuckDB's
    /// allocations outside its buffer pool): the default keeps a 10M-row file's ingest under 1 GB.
    /// </summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit;

    public const string DefaultMemoryLimit = "576MB";

    /// <summary>Told, in one line, what opening repaired after a crash (the CLI prints it, the app logs it).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Runs inside an ingest's transaction just before it commits: where tests stop an ingest (they
    /// reach it through InternalsVisibleTo; the shipped tools cannot set it).
    /// </summary>
    internal Action? BeforeCommit { get; init; }

    /// <summary>
    /// Whether canonical lines take the line check's fast path (Files/CanonicalLine.cs): always in
    /// the product; the model-based tests run with it off too, and must get the same warehouse.
    /// </summary>
    internal bool CanonicalFastPath { get; init; } = true;
}
