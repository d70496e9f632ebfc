using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoteFunctions.Tests.Model;

/// <summary>A vote as the contract defines it: CreationDate in microseconds since 1970-01-01 UTC.</summary>
public sealed record ModelVote(long Id, long PostId, long VoteTypeId, long CreationDateMicroseconds, long? UserId, long? BountyAmount)
{
    public DateTime CreationDate => DateTime.UnixEpoch.AddTicks(CreationDateMicroseconds * 10);
}

/// <summary>
/// Why the line check rejects a line, as coarse kinds: the model checks that the right lines are
/// rejected for the right kind of reason, not the wording of JSON parser messages.
/// </summary>
public enum RejectionKind { Blank, NotUtf8, TooLong, Malformed, Fields }

/// <summary>A line's verdict: its vote, or the kind of its rejection (and for Fields, the fields at fault).</summary>
public sealed record ModelVerdict(ModelVote? Vote, RejectionKind? Kind, string FaultyFields = "")
{
    public static ModelVerdict Rejected(RejectionKind kind, string faultyFields = "") => new(null, kind, faultyFields);
}

/// <summary>
/// The verdict of one line, written from the contract (docs/spec.md and the README's Ambiguities)
/// and simple on purpose: a whole-document JSON parse, then each vote field checked by a regular
/// expression. It shares no code with the product's line check (Files/LineVerdict.cs, VoteFields.cs).
/// </summary>
public static class ModelLine
{
    public const int MaxLineBytes = 1 << 20;
    public const int MaxRawTextBytes = 4096;

    private static readonly string[] VoteFields = ["Id", "PostId", "VoteTypeId", "CreationDate", "UserId", "BountyAmount"];
    private static readonly Regex CanonicalInteger = new("^-?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Timestamp = new(
        "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]{1,9})?Z?$", RegexOptions.CultureInvariant);

    /// <summary>The verdict of a line (its bytes without the '\n'; a byte order mark on line 1 already dropped).</summary>
    public static ModelVerdict Judge(byte[] line, bool tooLong)
    {
        if (tooLong) return ModelVerdict.Rejected(RejectionKind.TooLong);
        if (line.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v')) return ModelVerdict.Rejected(RejectionKind.Blank);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(line); }
        catch (DecoderFallbackException) { return ModelVerdict.Rejected(RejectionKind.NotUtf8); }

        JsonDocument document;
        try { document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException) { return ModelVerdict.Rejected(RejectionKind.Malformed); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !AllStringsAreText(document.RootElement))
                return ModelVerdict.Rejected(RejectionKind.Malformed);
            var given = document.RootElement.EnumerateObject().Where(p => VoteFields.Contains(p.Name)).ToList();
            if (given.GroupBy(p => p.Name).Any(g => g.Count() > 1)) return ModelVerdict.Rejected(RejectionKind.Malformed);

            // A field is absent when missing, null or "", else its text: a string's value, a number's digits.
            var values = VoteFields.ToDictionary(f => f, f => given.Where(p => p.Name == f).Select(p => Text(p.Value)).FirstOrDefault(t => t is not ""));
            var faults = new List<string>();
            long Integer(string field, long low, long high, bool required)
            {
                var value = values[field];
                if (value is null) { if (required) faults.Add(field); return 0; }
                if (!CanonicalInteger.IsMatch(value) || value == "-0" || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || number < low || number > high)
                {
                    faults.Add(field);
                    return 0;
                }
                return number;
            }
            var id = Integer("Id", 1, long.MaxValue, required: true);
            var postId = Integer("PostId", 1, long.MaxValue, required: true);
            var voteTypeId = Integer("VoteTypeId", 0, short.MaxValue, required: true);
            var creationDate = values["CreationDate"] is { } date ? Microseconds(date) : null;
            if (creationDate is null) faults.Add("CreationDate");
            var userId = Integer("UserId", long.MinValue, long.MaxValue, required: false);
            var bounty = Integer("BountyAmount", 0, int.MaxValue, required: false);
            if (faults.Count > 0) return ModelVerdict.Rejected(RejectionKind.Fields, string.Join(",", faults.Order()));
            return new ModelVerdict(new ModelVote(id, postId, voteTypeId, creationDate!.Value,
                values["UserId"] is null ? null : userId, values["BountyAmount"] is null ? null : bounty), null);
        }
    }

    /// <summary>The raw text kept of a rejected line: UTF-8 (invalid bytes as U+FFFD), NUL as U+2400, cut at 4 KiB.</summary>
    public static string RawText(byte[] line)
    {
        var kept = line.Length > MaxRawTextBytes ? line[..MaxRawTextBytes] : line;
        var text = Encoding.UTF8.GetString(kept).Replace('\0', '\u2400');
        return line.Length > MaxRawTextBytes ? $"{text}… [{line.Length} bytes, cut at {MaxRawTextBytes}]" : text;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    /// <summary>Every string and property name must decode to text (a lone surrogate escape does not).</summary>
    private static bool AllStringsAreText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(p => p.Name is not null && AllStringsAreText(p.Value));
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(AllStringsAreText);
                case JsonValueKind.String:
                    element.GetString();
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>YYYY-MM-DDTHH:MM:SS[.f{1,9}][Z], a real date in years 0001-9999; microseconds, a 7th-9th digit cut off.</summary>
    private static long? Microseconds(string text)
    {
        var match = Timestamp.Match(text);
        if (!match.Success) return null;
        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var (year, month, day, hour, minute, second) = (Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
        var fraction = match.Groups[7].Success ? match.Groups[7].Value[1..] : "";
        var micros = long.Parse((fraction + "000000")[..6], CultureInfo.InvariantCulture);
        return (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10 + micros;
    }
}
