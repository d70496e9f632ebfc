namespace VoteFunctions.Tests;

/// <summary>A file through the line check alone, its checked lines collected as DuckDB's staging would take them.</summary>
internal sealed record CheckedFile(LineCheck.Result Result, List<(long Line, long Id)> Votes, List<RejectedLineText> Rejected)
{
    public static CheckedFile Of(string path, bool hash = true)
    {
        using var queue = new CheckedLinesQueue();
        var votes = new List<(long Line, long Id)>();
        var rejected = new List<RejectedLineText>();
        var collect = Task.Run(() =>
        {
            foreach (var block in queue.Take(CancellationToken.None))
            {
                for (var i = 0; i < block.Count; i++) votes.Add((block.LineNumbers[i], block.Ids[i]));
                rejected.AddRange(block.Rejections);
                queue.Return(block);
            }
        });
        try
        {
            return new CheckedFile(LineCheck.Run(new(InputFile.Inspect(path), Slot: 0, hash, BytesRead: null), queue, CancellationToken.None),
                votes, rejected);
        }
        finally
        {
            queue.Complete();
            collect.Wait();
            votes.Sort();
            rejected.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        }
    }
}
