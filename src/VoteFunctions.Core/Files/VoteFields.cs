using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The rules for the six vote fields of a line, applied to the values as its JSON gives them: the
/// contract's typing, in one place. A field is a JSON string or number. Integers only in canonical
/// form ("42", 42, "-1"; not "4.0", "1e3", " 5", "+5", "007"), within the field's range.
/// CreationDate exactly YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9 digits and an optional
/// Z, a real date and time in years 0001 to 9999. Null or an empty string is an absent field. A line
/// whose fields pass gives its <see cref="Vote"/> (a timestamp keeps microseconds, as DuckDB does:
/// a 7th to 9th fraction digit is cut off).
/// </summary>
internal struct VoteFields
{
    private enum Field { Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount }

    private const int FieldCount = 6;

    // What was found of each field: whether it was given, whether it has a value, what is wrong
    // with it (no arrays: this runs for every line).
    private FieldProblems problems;
    private FieldValues values;
    private int given;
    private int present;

    [InlineArray(6)]
    private struct FieldValues
    {
        private long first;
    }

    [InlineArray(6)]
    private struct FieldProblems
    {
        private string? first;
    }

    /// <summary>
    /// When the member the reader is on (its name) is a vote field, checks its value and leaves the
    /// reader on the value's last token; otherwise does nothing. Returns the field's name when it
    /// was given before: the line is then ambiguous.
    /// </summary>
    public string? Check(ReadOnlySpan<byte> line, ref Utf8JsonReader reader)
    {
        var field = Of(reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
        if (field is not { } f) return null;
        if ((given & (1 << (int)f)) != 0) return f.ToString();
        given |= 1 << (int)f;
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        ReadOnlySpan<byte> text = reader.TokenType switch
        {
            JsonTokenType.Null => [],
            JsonTokenType.String when reader.ValueIsEscaped => Encoding.UTF8.GetBytes(reader.GetString()!),
            JsonTokenType.StartObject or JsonTokenType.StartArray => reader.TrySkip() ? line[start..(int)reader.BytesConsumed] : [],
            _ => reader.ValueSpan,
        };
        if (!text.IsEmpty) present |= 1 << (int)f;
        ref var value = ref values[(int)f];
        problems[(int)f] = text.IsEmpty ? null : f switch
        {
            Field.Id => Integer("Id", text, 1, long.MaxValue, "a positive integer", out value),
            Field.PostId => Integer("PostId", text, 1, long.MaxValue, "a positive integer", out value),
            Field.VoteTypeId => Integer("VoteTypeId", text, 0, short.MaxValue, "a small non-negative integer", out value),
            Field.CreationDate => Timestamp(text, out value) ? null : "CreationDate is not a valid ISO-8601 timestamp (YYYY-MM-DDTHH:MM:SS, optional .fraction and Z): " + Shown(text),
            Field.UserId => Integer("UserId", text, long.MinValue, long.MaxValue, "an integer", out value),
            _ => Integer("BountyAmount", text, 0, int.MaxValue, "a non-negative integer", out value),
        };
        return null;
    }

    /// <summary>The vote, once <see cref="Problem"/> has found nothing wrong.</summary>
    public readonly Vote Vote => new(values[0], values[1], values[2], values[3],
        (present & (1 << (int)Field.UserId)) != 0 ? values[4] : null,
        (present & (1 << (int)Field.BountyAmount)) != 0 ? values[5] : null);

    /// <summary>Why the fields cannot make a vote, every failing field named, in order; null when they can.</summary>
    public readonly string? Problem()
    {
        string? reasons = null;
        for (var i = 0; i < FieldCount; i++)
        {
            var reason = problems[i] ?? ((present & (1 << i)) != 0 || i > (int)Field.CreationDate ? null : $"{(Field)i} is missing");
            if (reason is not null) reasons = reasons is null ? reason : reasons + "; " + reason;
        }
        return reasons;
    }

    private static Field? Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("Id"u8) => Field.Id,
        6 when name.SequenceEqual("PostId"u8) => Field.PostId,
        6 when name.SequenceEqual("UserId"u8) => Field.UserId,
        10 when name.SequenceEqual("VoteTypeId"u8) => Field.VoteTypeId,
        12 when name.SequenceEqual("CreationDate"u8) => Field.CreationDate,
        12 when name.SequenceEqual("BountyAmount"u8) => Field.BountyAmount,
        _ => null,
    };

    // A NUL shown as U+2400, as in raw text: DuckDB.NET passes strings to DuckDB as C strings,
    // which would end the reason there.
    private static string Shown(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text).Replace('\0', '\u2400');

    /// <summary>Canonical digits within [low, high]; null when the text is one.</summary>
    private static string? Integer(string field, ReadOnlySpan<byte> text, long low, long high, string expected, out long value)
    {
        switch (Canonical(text, out value))
        {
            case Digits.Fit when value >= low && value <= high:
                return null;
            case Digits.NotCanonical:
            case Digits.Fit when value < low:
            case Digits.TooMany when text[0] == (byte)'-' && low >= 0:
                // A negative value where only positive ones are allowed is simply not one.
                return $"{field} is not {expected}: {Shown(text)}";
            default:
                return $"{field} is too large{(high < long.MaxValue ? $" (at most {high})" : "")}: {Shown(text)}";
        }
    }

    private enum Digits { Fit, TooMany, NotCanonical }

    /// <summary>-?(0|[1-9][0-9]*), and not -0: the text a number is written as, and no other; read in one pass.</summary>
    private static Digits Canonical(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var negative = text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || (digits[0] == (byte)'0' && (digits.Length > 1 || negative))) return Digits.NotCanonical;
        ulong magnitude = 0;
        var tooMany = false;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9') return Digits.NotCanonical;
            tooMany |= magnitude > (ulong.MaxValue - 9) / 10;
            magnitude = magnitude * 10 + (ulong)(digit - '0');
        }
        if (tooMany || magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue)) return Digits.TooMany;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return Digits.Fit;
    }

    /// <summary>Whether the text is a timestamp of the contract; if so, its microseconds since 1970-01-01 (UTC).</summary>
    private static bool Timestamp(ReadOnlySpan<byte> text, out long microseconds)
    {
        microseconds = 0;
        if (text[^1] == (byte)'Z') text = text[..^1];
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return false;
        if (text.Length > 19 && (text[19] != '.' || text.Length is 20 or > 29 || text[20..].ContainsAnyExceptInRange((byte)'0', (byte)'9'))) return false;
        if (!Number(text[..4], out var year) || !Number(text[5..7], out var month) || !Number(text[8..10], out var day)
            || !Number(text[11..13], out var hour) || !Number(text[14..16], out var minute) || !Number(text[17..19], out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        // The fraction to microseconds: padded or cut to six digits (a 7th to 9th is cut off, as DuckDB keeps microseconds).
        var fraction = text.Length > 20 ? text[20..Math.Min(text.Length, 26)] : [];
        Number(fraction, out var digits);
        for (var i = fraction.Length; i < 6; i++) digits *= 10;
        microseconds = (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10 + digits;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (digit - '0');
        }
        return true;
    }
}

/// <summary>A vote as a line gives it: CreationDate in microseconds since 1970-01-01 UTC.</summary>
internal readonly record struct Vote(long Id, long PostId, long VoteTypeId, long CreationDateMicroseconds, long? UserId, long? BountyAmount);
