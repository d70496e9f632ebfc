using System.Buffers;
using System.Buffers.Text;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The votes the line check accepted, as rows for DuckDB to load set-based (ingest/1_stage.sql):
/// FileSlot,LineNumber,Id,PostId,VoteTypeId,CreationDateMicroseconds,UserId,BountyAmount, integers
/// only (an absent optional field is empty), one row per line; FileSlot is the file's place in its
/// ingest batch. The check already parsed every line, so DuckDB gets the values rather than
/// parsing the JSON a second time.
/// </summary>
internal sealed class VoteRowWriter(string path, int fileSlot) : IDisposable
{
    private readonly FileStream file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int used;

    public void Write(long lineNumber, in Vote vote)
    {
        // A row is at most 8 x 20 digits and separators.
        if (used > buffer.Length - 180) Flush();
        Number(fileSlot, ',');
        Number(lineNumber, ',');
        Number(vote.Id, ',');
        Number(vote.PostId, ',');
        Number(vote.VoteTypeId, ',');
        Number(vote.CreationDateMicroseconds, ',');
        if (vote.UserId is { } userId) Number(userId, ',');
        else buffer[used++] = (byte)',';
        if (vote.BountyAmount is { } bounty) Number(bounty, '\n');
        else buffer[used++] = (byte)'\n';
    }

    private void Number(long value, char then)
    {
        Utf8Formatter.TryFormat(value, buffer.AsSpan(used), out var written);
        used += written;
        buffer[used++] = (byte)then;
    }

    private void Flush()
    {
        file.Write(buffer, 0, used);
        used = 0;
    }

    public void Dispose()
    {
        try
        {
            Flush();
            file.Dispose();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
