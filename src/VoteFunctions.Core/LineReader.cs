namespace VoteFunctions.Core;

/// <summary>
/// Splits a byte stream into lines on '\n' without decoding, in large buffers. A line longer than
/// <see cref="MaxLineBytes"/> is returned cut to that length with <c>tooLong</c> set, and the rest
/// of it is skipped, so memory stays bounded whatever the input.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] buffer = new byte[Math.Max(1 << 20, maxLineBytes * 2)];
    private int start;
    private int end;
    private bool endOfStream;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The bytes read after the last complete line: what is left when the stream fails.</summary>
    public ReadOnlySpan<byte> Unread => buffer.AsSpan(start, end - start);

    /// <summary>True when the last line returned had no '\n' after it (the end of the input).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>
    /// The next line without its '\n' (a trailing '\r' is kept: the caller decides). The span is
    /// valid until the next call. Exceptions of the stream (a truncated gzip) propagate after the
    /// lines read before them.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = buffer.AsSpan(start, newline);
                start += newline + 1;
                LineNumber++;
                return true;
            }
            if (end - start >= MaxLineBytes)
            {
                line = buffer.AsSpan(start, MaxLineBytes);
                tooLong = true;
                LineNumber++;
                SkipRestOfLine(line.ToArray(), out line);
                return true;
            }
            if (endOfStream)
            {
                if (start == end)
                {
                    line = default;
                    return false;
                }
                line = buffer.AsSpan(start, end - start);
                start = end;
                LineNumber++;
                LastLineUnterminated = true;
                return true;
            }
            Fill();
        }
    }

    /// <summary>
    /// Moves on so that the next <see cref="TryRead"/> returns line <paramref name="lineNumber"/>,
    /// counting the newlines of whole buffers (vectorised) rather than reading line by line.
    /// </summary>
    public void SkipTo(long lineNumber)
    {
        while (LineNumber < lineNumber - 1)
        {
            var buffered = buffer.AsSpan(start, end - start);
            var newlines = buffered.Count((byte)'\n');
            if (newlines < lineNumber - 1 - LineNumber)
            {
                if (endOfStream) return;
                // Keep the unfinished last line: it is the next line, whatever its length.
                var lastNewline = buffered.LastIndexOf((byte)'\n');
                if (lastNewline >= 0)
                {
                    LineNumber += newlines;
                    start += lastNewline + 1;
                }
                else if (end - start >= MaxLineBytes)
                {
                    return; // an overlong line: TryRead deals with it
                }
                Fill();
                continue;
            }
            start += buffered.IndexOf((byte)'\n') + 1;
            LineNumber++;
        }
    }

    private void SkipRestOfLine(byte[] head, out ReadOnlySpan<byte> line)
    {
        start = end;
        while (!endOfStream)
        {
            Fill();
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start += newline + 1;
                break;
            }
            start = end;
        }
        line = head;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0) endOfStream = true;
        end += read;
    }
}
