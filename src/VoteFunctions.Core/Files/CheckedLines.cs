using System.Runtime.CompilerServices;

namespace VoteFunctions.Core.Files;

/// <summary>
/// A block of checked lines of one file on their way into DuckDB (Ingest/Staging.cs): the votes of
/// the good lines, one column per field in the width DuckDB stores it (copied into its vectors as
/// they are), and the bad lines kept with their raw text and reason. Blocks are reused: a 10M-row
/// file passes through a few of them.
/// </summary>
internal sealed class CheckedLines
{
    public const int Capacity = 16_384;

    /// <summary>Bad lines a block holds before it is handed on, so that a block stays a few MB whatever the file.</summary>
    public const int RejectionCapacity = 1_024;

    /// <summary>The file's place in its ingest batch.</summary>
    public int FileSlot { get; private set; }

    /// <summary>Votes in the block.</summary>
    public int Count { get; private set; }

    public readonly long[] LineNumbers = new long[Capacity];
    public readonly long[] Ids = new long[Capacity];
    public readonly long[] PostIds = new long[Capacity];
    public readonly short[] VoteTypeIds = new short[Capacity];
    /// <summary>Microseconds since 1970-01-01 UTC: DuckDB's TIMESTAMP.</summary>
    public readonly long[] CreationDates = new long[Capacity];
    public readonly long[] UserIds = new long[Capacity];
    public readonly bool[] HasUserId = new bool[Capacity];
    public readonly int[] BountyAmounts = new int[Capacity];
    public readonly bool[] HasBountyAmount = new bool[Capacity];

    public List<RejectedLineText> Rejections { get; } = [];

    public bool IsFull => Count == Capacity || Rejections.Count == RejectionCapacity;

    public CheckedLines For(int fileSlot)
    {
        FileSlot = fileSlot;
        Count = 0;
        Rejections.Clear();
        return this;
    }

    /// <summary>A good line's vote. Its fields are in range (<see cref="VoteFields"/>), so the narrower types hold them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long lineNumber, in Vote vote)
    {
        LineNumbers[Count] = lineNumber;
        Ids[Count] = vote.Id;
        PostIds[Count] = vote.PostId;
        VoteTypeIds[Count] = (short)vote.VoteTypeId;
        CreationDates[Count] = vote.CreationDateMicroseconds;
        HasUserId[Count] = vote.UserId.HasValue;
        UserIds[Count] = vote.UserId.GetValueOrDefault();
        HasBountyAmount[Count] = vote.BountyAmount.HasValue;
        BountyAmounts[Count] = (int)vote.BountyAmount.GetValueOrDefault();
        Count++;
    }
}
