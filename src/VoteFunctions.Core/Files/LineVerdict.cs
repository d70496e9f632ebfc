using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Whether one line of a file is a vote, and if not, why: the only judge of a line, whichever way
/// DuckDB later reads the file, so a line's verdict never depends on its neighbours. The line must
/// be one JSON object in strict RFC 8259 JSON (System.Text.Json): no trailing commas, comments, NaN
/// or Infinity, at most 64 levels of nesting, valid escapes (no lone surrogates), and no member
/// name twice in the vote object, since DuckDB would silently keep the first of two "Id"s. Its
/// fields must follow <see cref="VoteFields"/>. Whether a vote is new, a duplicate or a conflict is
/// the SQL's to say (ingest/3_classify.sql). A line of the shape nearly every export has is read
/// first by <see cref="CanonicalLine"/>, at a third of the cost, which takes only what this route
/// would take, with the same vote, and leaves every other line, and every reason, to it.
/// </summary>
internal static class LineVerdict
{
    /// <summary>A vote is about a hundred bytes; a longer line is rejected without being parsed.</summary>
    public const int MaxLineBytes = 1 << 20;

    public const string BlankLine = "blank line";

    private static readonly JsonReaderOptions Strict = new() { MaxDepth = 64 };

    /// <summary>
    /// Why the line (without its '\n') is not a vote, or null when it is: then <paramref name="vote"/>
    /// is it. <paramref name="canonicalFirst"/> tries <see cref="CanonicalLine"/> first: always in
    /// the product (WarehouseOptions); tests turn it off to run every line through the library route.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Problem(ReadOnlySpan<byte> line, bool tooLong, bool canonicalFirst, out Vote vote)
    {
        if (canonicalFirst && !tooLong && CanonicalLine.TryRead(line, out vote)) return null;
        vote = default;
        if (tooLong) return $"line is longer than {MaxLineBytes:N0} bytes; a vote is a few hundred";
        var trimmed = line.Trim(" \t\r\f\v"u8);
        if (trimmed.IsEmpty) return BlankLine;
        if (!Utf8.IsValid(line)) return "line is not valid UTF-8 text";
        if (trimmed[0] != (byte)'{')
            return trimmed[0] == (byte)'[' ? "line is a JSON array, not a vote object" : "line is not a JSON object";
        if (trimmed[^1] != (byte)'}') return "line is not a complete JSON object (cut off, or an object spread over several lines)";
        return JsonProblem(line, out vote);
    }

    private static string? JsonProblem(ReadOnlySpan<byte> line, out Vote vote)
    {
        vote = default;
        var reader = new Utf8JsonReader(line, Strict);
        var fields = new VoteFields();
        try
        {
            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                    reader.GetString(); // throws on an escape that is not valid text, such as a lone surrogate
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && fields.Check(line, ref reader) is { } twice)
                    return $"line is ambiguous: the field \"{twice}\" appears more than once";
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    if (reader.Read()) return "line holds more than one JSON value";
                    vote = fields.Vote;
                    return fields.Problem();
                }
            }
            return "line is not a complete JSON object";
        }
        catch (JsonException e)
        {
            return $"line is not valid JSON at byte {e.BytePositionInLine + 1}: " + WithoutPosition(e);
        }
        catch (InvalidOperationException e)
        {
            return "line is not valid JSON: " + e.Message.TrimEnd('.');
        }
    }

    /// <summary>
    /// The parser's message without the position it appends (" LineNumber: 0 | BytePositionInLine: 12."),
    /// which the reason gives in the line's own terms: a line is one line, counted from byte 1.
    /// </summary>
    private static string WithoutPosition(JsonException e)
    {
        var position = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position < 0 ? e.Message : e.Message[..position]).TrimEnd('.');
    }
}
