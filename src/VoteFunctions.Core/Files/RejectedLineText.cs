namespace VoteFunctions.Core.Files;

/// <summary>A bad line as kept: its number, its text for a person (<see cref="RawText"/>), and why it is not a vote.</summary>
internal sealed record RejectedLineText(long LineNumber, string RawText, string Reason)
{
    /// <summary>The raw text kept of a rejected line: enough to see what is wrong with it.</summary>
    public const int MaxRawTextBytes = 4096;

    /// <summary>The line as text for a person: invalid UTF-8 shown as U+FFFD, NUL as U+2400, cut at 4 KiB.</summary>
    public static string Of(ReadOnlySpan<byte> raw)
    {
        var cut = raw.Length > MaxRawTextBytes;
        var text = System.Text.Encoding.UTF8.GetString(cut ? raw[..MaxRawTextBytes] : raw).Replace('\0', '\u2400');
        return cut ? text + $"… [{raw.Length} bytes, cut at {MaxRawTextBytes}]" : text;
    }
}
