using System.Runtime.CompilerServices;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The fast path of <see cref="LineVerdict"/>: the one shape nearly every line of an export has,
/// <c>{"Id":"1","PostId":"2","VoteTypeId":"2","CreationDate":"2022-01-09T00:00:00.000"}</c>, with
/// <c>"UserId"</c> and <c>"BountyAmount"</c> or not, the members in any order, read in one pass
/// without a JSON parser. It takes a line only when it can see that the line is a vote: nothing but
/// <c>{"Name":"value","Name":"value"}</c> (and the '\r' of a CRLF file), each name a vote field
/// given once, each value plain digits or the timestamp form, every number well inside its range.
/// Such a line is plain ASCII, strict JSON with no escapes and no whitespace, so the library route
/// (System.Text.Json and <see cref="VoteFields"/>) would take it too and give the same vote; for
/// anything else this declines and the line takes the library route, the one judge of bad lines.
/// </summary>
internal static class CanonicalLine
{
    private const int Id = 0, PostId = 1, VoteTypeId = 2, CreationDate = 3, UserId = 4, BountyAmount = 5;

    private const int Required = 1 << Id | 1 << PostId | 1 << VoteTypeId | 1 << CreationDate;

    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Whether the line (without its '\n') is a vote of the canonical shape; if so, <paramref name="vote"/> is it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, out Vote vote)
    {
        vote = default;
        if (line.EndsWith("\r"u8)) line = line[..^1];
        if (line.Length < 2 || line[0] != (byte)'{' || line[^1] != (byte)'}') return false;
        var members = line[1..^1];
        Span<long> values = stackalloc long[6];
        var given = 0;
        while (true)
        {
            // "Name":"value", the name and the value up to the next quote (an escaped quote or any
            // other escape leaves a backslash in one of them, which no name or value matches).
            if (!members.StartsWith("\""u8)) return false;
            var nameEnd = members[1..].IndexOf((byte)'"') + 1;
            if (nameEnd == 0 || !members[(nameEnd + 1)..].StartsWith(":\""u8)) return false;
            var name = members[1..nameEnd];
            members = members[(nameEnd + 3)..];
            var valueEnd = members.IndexOf((byte)'"');
            if (valueEnd < 0) return false;
            var field = FieldOf(name);
            if (field < 0 || (given & 1 << field) != 0 || !Value(field, members[..valueEnd], out values[field])) return false;
            given |= 1 << field;
            members = members[(valueEnd + 1)..];
            if (members.IsEmpty) break;
            if (members[0] != (byte)',') return false;
            members = members[1..];
        }
        if ((given & Required) != Required) return false;
        vote = new Vote(values[Id], values[PostId], values[VoteTypeId], values[CreationDate],
            (given & 1 << UserId) != 0 ? values[UserId] : null,
            (given & 1 << BountyAmount) != 0 ? values[BountyAmount] : null);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FieldOf(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("Id"u8) ? Id
        : name.SequenceEqual("PostId"u8) ? PostId
        : name.SequenceEqual("VoteTypeId"u8) ? VoteTypeId
        : name.SequenceEqual("CreationDate"u8) ? CreationDate
        : name.SequenceEqual("UserId"u8) ? UserId
        : name.SequenceEqual("BountyAmount"u8) ? BountyAmount
        : -1;

    /// <summary>
    /// The field's value, when its text is one well inside the field's range: the digit counts
    /// keep every value below the field's limit (10^18 - 1 &lt; long.MaxValue, 9,999 &lt;
    /// short.MaxValue, 999,999,999 &lt; int.MaxValue), so a value near a limit is left to the library route.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Value(int field, ReadOnlySpan<byte> text, out long value) => field switch
    {
        Id or PostId => Digits(text, 18, out value) && value > 0,
        VoteTypeId => Digits(text, 4, out value),
        CreationDate => Timestamp(text, out value),
        UserId => Digits(text, 18, out value) || Negative(text, out value),
        _ => Digits(text, 9, out value),
    };

    /// <summary>Canonical digits, "0" or no leading zero, at most <paramref name="maxDigits"/> of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Digits(ReadOnlySpan<byte> text, int maxDigits, out long value)
    {
        value = text.Length <= maxDigits && !(text.Length > 1 && text[0] == (byte)'0') ? Number(text) : -1;
        return value >= 0;
    }

    /// <summary>'-' and canonical digits, not "-0".</summary>
    private static bool Negative(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (!text.StartsWith("-"u8) || !Digits(text[1..], 18, out var magnitude) || magnitude == 0) return false;
        value = -magnitude;
        return true;
    }

    /// <summary>
    /// YYYY-MM-DDTHH:MM:SS, then '.' and 1 to 9 digits or not, then Z or not: a real date and time
    /// in years 0001 to 9999, as microseconds since 1970-01-01 UTC (a 7th to 9th fraction digit is
    /// cut off, as <see cref="VoteFields"/> does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Timestamp(ReadOnlySpan<byte> text, out long microseconds)
    {
        microseconds = 0;
        if (text.EndsWith("Z"u8)) text = text[..^1];
        if (text.Length < 19 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
            return false;
        var fraction = text[19..];
        if (!fraction.IsEmpty && (fraction.Length is < 2 or > 10 || fraction[0] != (byte)'.' || Number(fraction[1..]) < 0)) return false;
        var (year, month, day) = (Number(text[..4]), Number(text[5..7]), Number(text[8..10]));
        var (hour, minute, second) = (Number(text[11..13]), Number(text[14..16]), Number(text[17..19]));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            return false;
        var microsecondDigits = fraction.IsEmpty ? [] : fraction[1..Math.Min(fraction.Length, 7)];
        var fractionMicroseconds = microsecondDigits.IsEmpty ? 0 : Number(microsecondDigits);
        for (var i = microsecondDigits.Length; i < 6; i++) fractionMicroseconds *= 10;
        long days = new DateOnly((int)year, (int)month, (int)day).DayNumber - UnixEpochDay;
        microseconds = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000 + fractionMicroseconds;
        return true;
    }

    /// <summary>The value of one or more ASCII digits (at most 18: the callers' texts are no longer), or -1 for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Number(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty) return -1;
        long value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit)) return -1;
            value = value * 10 + (digit - '0');
        }
        return value;
    }
}
