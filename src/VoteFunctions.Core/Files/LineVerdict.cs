using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Whether one line of a file is a JSON object, and if not, why: the only judge of a line's JSON,
/// whichever way DuckDB later reads the file, so a line's verdict never depends on its neighbours.
/// Strict RFC 8259 JSON (System.Text.Json): no trailing commas, comments, NaN or Infinity, at most
/// 64 levels of nesting, valid escapes (no lone surrogates), and no member name twice in the vote
/// object itself, since DuckDB would silently keep the first of two "Id"s. Whether the object is
/// a valid vote (its fields) is the SQL's to say.
/// </summary>
internal static class LineVerdict
{
    /// <summary>A vote is about a hundred bytes; a longer line is rejected without being parsed.</summary>
    public const int MaxLineBytes = 1 << 20;

    public const string BlankLine = "blank line";

    private static readonly JsonReaderOptions Strict = new() { MaxDepth = 64 };

    /// <summary>Why the line (without its '\n') is not one JSON object, or null when it is.</summary>
    public static string? Problem(ReadOnlySpan<byte> line, bool tooLong)
    {
        if (tooLong) return $"line is longer than {MaxLineBytes:N0} bytes; a vote is a few hundred";
        var trimmed = line.Trim(" \t\r\f\v"u8);
        if (trimmed.IsEmpty) return BlankLine;
        if (!Utf8.IsValid(line)) return "line is not valid UTF-8 text";
        if (trimmed[0] != (byte)'{')
            return trimmed[0] == (byte)'[' ? "line is a JSON array, not a vote object" : "line is not a JSON object";
        if (trimmed[^1] != (byte)'}') return "line is not a complete JSON object (cut off, or an object spread over several lines)";
        return JsonProblem(line);
    }

    private static string? JsonProblem(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, Strict);
        var names = new MemberNames(line, stackalloc Range[16]);
        try
        {
            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    reader.GetString(); // throws on an escape that is not valid text, such as a lone surrogate
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                    && !names.Add(reader.ValueSpan, (int)reader.TokenStartIndex + 1, reader.ValueIsEscaped ? reader.GetString() : null))
                    return $"line is ambiguous: the field \"{reader.GetString()}\" appears more than once";
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    return reader.Read() ? "line holds more than one JSON value" : null;
            }
            return "line is not a complete JSON object";
        }
        catch (JsonException e)
        {
            return "line is not valid JSON: " + e.Message.Split(" LineNumber:")[0].TrimEnd('.');
        }
        catch (InvalidOperationException e)
        {
            return "line is not valid JSON: " + e.Message.TrimEnd('.');
        }
    }

    /// <summary>
    /// The member names of the vote object seen so far. A vote has about six, kept as ranges of
    /// the line without copying; an escaped name or a seventeenth one moves them all to a set.
    /// </summary>
    private ref struct MemberNames(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        private readonly ReadOnlySpan<byte> line = line;
        private readonly Span<Range> ranges = ranges;
        private int count;
        private HashSet<string>? decoded;

        /// <summary>
        /// Adds a name: its bytes as written, where they start in the line, and its decoded text
        /// when it has escapes. False when the name was there already.
        /// </summary>
        public bool Add(ReadOnlySpan<byte> written, int start, string? unescaped)
        {
            if (decoded is null && unescaped is null && count < ranges.Length)
            {
                foreach (var earlier in ranges[..count])
                    if (line[earlier].SequenceEqual(written)) return false;
                ranges[count++] = start..(start + written.Length);
                return true;
            }
            if (decoded is null)
            {
                decoded = [];
                foreach (var earlier in ranges[..count]) decoded.Add(Encoding.UTF8.GetString(line[earlier]));
            }
            return decoded.Add(unescaped ?? Encoding.UTF8.GetString(written));
        }
    }
}
