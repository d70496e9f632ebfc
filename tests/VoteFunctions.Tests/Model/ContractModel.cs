using System.Security.Cryptography;

namespace VoteFunctions.Tests.Model;

/// <summary>A file offered to the model: its name, its bytes as stored, and its lines (decompressed, when gzip).</summary>
/// <param name="Damaged">A gzip file whose compressed data fails its CRC-32 or length check, or is cut short.</param>
public sealed record ModelFile(string Name, byte[] Stored, byte[] Content, bool Damaged)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Stored));
}

/// <summary>What an ingest of one file ended in.</summary>
public abstract record ModelOutcome(string FileName)
{
    public sealed record Ingested(string FileName, LedgerRow Row) : ModelOutcome(FileName);
    public sealed record AlreadyIngested(string FileName, LedgerRow Earlier) : ModelOutcome(FileName);
    public sealed record Refused(string FileName) : ModelOutcome(FileName);
}

public sealed record LedgerRow(long FileId, string FileName, long SizeBytes, string Sha256, long LinesRead, long Inserted, long Duplicates, long Rejected);

/// <summary>A kept rejected line: the exact reason for a conflict, the kind of the line check's reason otherwise.</summary>
public sealed record KeptRejection(long FileId, long LineNumber, string RawText, string Reason);

public sealed record StoredVote(ModelVote Vote, long FileId);

public sealed record WeekCount(int Year, int WeekNumber, long VoteCount);

/// <summary>
/// The reference model of the contract (docs/spec.md, the README's Ambiguities): plain C#, no
/// DuckDB, one line at a time, in dictionaries. Files are ingested one after another, whatever
/// batches the warehouse forms: a batch must give exactly what one-by-one ingests give.
/// </summary>
public sealed class ContractModel
{
    public const int MaxKeptRejections = 10_000;

    private readonly Dictionary<long, StoredVote> votes = [];
    private readonly List<LedgerRow> ledger = [];
    private readonly List<KeptRejection> rejected = [];
    private readonly HashSet<(string FileName, long SizeBytes, string Sha256)> redelivered = [];

    public IReadOnlyCollection<StoredVote> Votes => votes.Values;
    public IReadOnlyList<LedgerRow> Ledger => ledger;
    public IReadOnlyList<KeptRejection> Rejected => rejected;
    public IReadOnlySet<(string FileName, long SizeBytes, string Sha256)> Redelivered => redelivered;

    public ModelOutcome Ingest(ModelFile file)
    {
        // Already ingested means the same bytes: nothing changes but the name it came under.
        if (ledger.FirstOrDefault(row => row.Sha256 == file.Sha256) is { } earlier)
        {
            if (earlier.FileName != file.Name) redelivered.Add((file.Name, file.Stored.LongLength, file.Sha256));
            return new ModelOutcome.AlreadyIngested(file.Name, earlier);
        }
        // A damaged compressed file vouches for none of its bytes.
        if (file.Damaged) return new ModelOutcome.Refused(file.Name);

        var fileId = ledger.Count == 0 ? 1 : ledger.Max(row => row.FileId) + 1;
        var lines = Lines(file.Content);
        var firstLineOf = new Dictionary<long, (long LineNumber, ModelVote Vote)>(); // Ids new to the warehouse, first valid line in this file
        var rejections = new List<KeptRejection>();
        long inserted = 0, duplicates = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            var verdict = ModelLine.Judge(lines[i].Bytes, lines[i].TooLong);
            if (verdict.Vote is not { } vote)
            {
                rejections.Add(new(fileId, lineNumber, ModelLine.RawText(lines[i].Bytes), $"{verdict.Kind}:{verdict.FaultyFields}"));
                continue;
            }
            // An Id stored before this file is judged against the stored vote, on every line of it.
            if (votes.TryGetValue(vote.Id, out var stored))
            {
                if (stored.Vote == vote) duplicates++;
                else rejections.Add(new(fileId, lineNumber, ModelLine.RawText(lines[i].Bytes),
                    $"Id {vote.Id} is already stored with different content (from file {ledger.Single(r => r.FileId == stored.FileId).FileName}); the stored vote is kept"));
                continue;
            }
            // Among the lines of an Id not stored, the first valid one wins.
            if (firstLineOf.TryGetValue(vote.Id, out var first))
            {
                if (first.Vote == vote) duplicates++;
                else rejections.Add(new(fileId, lineNumber, ModelLine.RawText(lines[i].Bytes),
                    $"Id {vote.Id} appears on line {first.LineNumber} of this file with different content; the first line is kept"));
                continue;
            }
            firstLineOf[vote.Id] = (lineNumber, vote);
            inserted++;
        }

        foreach (var (_, (_, vote)) in firstLineOf) votes[vote.Id] = new StoredVote(vote, fileId);
        rejected.AddRange(rejections.Take(MaxKeptRejections));
        var row = new LedgerRow(fileId, file.Name, file.Stored.LongLength, file.Sha256, lines.Count, inserted, duplicates, rejections.Count);
        ledger.Add(row);
        return new ModelOutcome.Ingested(file.Name, row);
    }

    /// <summary>
    /// The lines of a content: split on '\n' (a final '\n' does not start a line), numbered from 1,
    /// a UTF-8 byte order mark dropped from line 1, a line of 1 MiB or more cut there (and too long).
    /// </summary>
    public static List<(byte[] Bytes, bool TooLong)> Lines(byte[] content)
    {
        var lines = new List<(byte[] Bytes, bool TooLong)>();
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i < content.Length && content[i] != (byte)'\n') continue;
            if (i == content.Length && start == content.Length) break;
            lines.Add((content[start..Math.Min(i, start + ModelLine.MaxLineBytes)], i - start >= ModelLine.MaxLineBytes));
            start = i + 1;
        }
        if (lines.Count > 0 && lines[0].Bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) lines[0] = (lines[0].Bytes[3..], lines[0].TooLong);
        return lines;
    }

    /// <summary>Votes per calendar year and strftime('%W') week: Monday starts a week, January's days before the first Monday are week 0.</summary>
    public IReadOnlyList<WeekCount> Weeks() => votes.Values
        .GroupBy(v => (v.Vote.CreationDate.Year, Week: WeekNumber(v.Vote.CreationDate)))
        .Select(g => new WeekCount(g.Key.Year, g.Key.Week, g.Count()))
        .OrderBy(w => w.Year).ThenBy(w => w.WeekNumber).ToList();

    public static int WeekNumber(DateTime day)
    {
        var daysSinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return (day.DayOfYear - 1 + 7 - daysSinceMonday) / 7;
    }

    /// <summary>
    /// Weeks more than 20% away from the mean week, decided exactly: |1 - x/mean| > 0.2 with
    /// mean = total/weeks is 5·|x·weeks - total| > total.
    /// </summary>
    public IReadOnlyList<WeekCount> OutlierWeeks()
    {
        var weeks = Weeks();
        long total = weeks.Sum(w => w.VoteCount), count = weeks.Count;
        return weeks.Where(w => 5 * Math.Abs(w.VoteCount * count - total) > total).ToList();
    }
}
