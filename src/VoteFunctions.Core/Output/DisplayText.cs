using System.Globalization;
using System.Text;

namespace VoteFunctions.Core.Output;

/// <summary>
/// Text from the data (a file or blob name, a rejected line, a value quoted in a reason) made safe
/// to show to a person on a terminal or in a log. Such text can hold characters a terminal obeys
/// rather than shows: ESC starts a sequence that recolours or rewrites the screen, a newline splits
/// a one-line message, bidirectional controls reorder what follows (U+202E shows "txt.exe" for
/// "exe.txt"). Each is shown instead as a visible character that cannot be mistaken for it:
/// C0 controls and DEL as their control pictures (NUL ␀, TAB ␉, LF ␊, CR ␍, ESC ␛, DEL ␡, the
/// same ␀ the warehouse stores for a NUL in a rejected line's raw text), C1 controls, the
/// bidirectional controls and the line and paragraph separators as &lt;U+XXXX&gt;. Every other
/// character is left as it is. For people only: CSV and JSON keep the exact text.
/// </summary>
public static class DisplayText
{
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0) return text;
        var shown = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var character in text.AsSpan(first))
        {
            if (character < 0x20) shown.Append((char)(0x2400 + character));
            else if (character == 0x7F) shown.Append('\u2421');
            else if (Unsafe.Contains(character)) shown.Append(CultureInfo.InvariantCulture, $"<U+{(int)character:X4}>");
            else shown.Append(character);
        }
        return shown.ToString();
    }

    // C0 and DEL; C1; the Arabic letter mark, left-to-right and right-to-left marks, embeddings
    // and overrides (U+202A-U+202E), isolates (U+2066-U+2069); the line and paragraph separators.
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20))
            .Concat([0x061C, 0x200E, 0x200F, 0x2028, 0x2029]).Concat(Enumerable.Range(0x202A, 5)).Concat(Enumerable.Range(0x2066, 4))
            .Select(code => (char)code)));
}
