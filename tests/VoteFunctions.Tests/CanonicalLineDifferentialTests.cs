using System.Globalization;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace VoteFunctions.Tests;

/// <summary>
/// The line verdict with its fast path against the library route alone, on generated lines: lines
/// of the canonical shape (any field order, optional fields present, absent, empty or null, numbers
/// and dates at their limits, extra and repeated members) and mutants of them (bytes changed,
/// inserted or deleted, among them whitespace, quotes, backslashes, escapes, non-ASCII and
/// invalid UTF-8; truncation). Every one must get the same verdict, reason and vote both ways, and
/// a line the fast path takes must be a vote the library route takes. VOTES_FUZZ_MUTANTS sets how
/// many lines (a soak: millions); CsCheck prints the seed of a failure to replay it.
/// </summary>
public sealed class CanonicalLineDifferentialTests(ITestOutputHelper output)
{
    private static readonly long Mutants = long.TryParse(Environment.GetEnvironmentVariable("VOTES_FUZZ_MUTANTS"), out var count) ? count : 50_000;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Integers: everyday ones (small for VoteTypeId), any long, and texts at and across the limits of the fields and of the fast path.
    private static Gen<string> Integer(long everydayMax) => Gen.Frequency(
        (30, Gen.Long[1, everydayMax].Select(Text)),
        (1, Gen.Long.Select(Text)),
        (3, Gen.OneOf("0", "1", "-1", "-0", "007", "00", "9999", "10000", "32767", "32768", "999999999", "1000000000",
            "2147483647", "2147483648", "999999999999999999", "1000000000000000000", "-999999999999999999", "-1000000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e3", "4.0", "+5")));

    // Mostly in 1..last, sometimes one past either end.
    private static Gen<int> Part(int first, int last) => Gen.Frequency((40, Gen.Int[first, last]), (1, Gen.OneOf(first - 1, last + 1)));

    // Timestamps: mostly real dates and times, the ends of years, months and days among them; 0 to 10 fraction digits; Z or not.
    private static readonly Gen<string> Timestamp = Gen.Select(
        Gen.Select(Gen.Frequency((10, Gen.Int[1990, 2030]), (1, Gen.OneOf(0, 1, 1969, 1970, 2000, 2100, 9999))), Part(1, 12), Gen.Frequency((3, Part(1, 28)), (1, Gen.Int[28, 31])),
            (year, month, day) => $"{year:D4}-{month:D2}-{day:D2}"),
        Gen.Select(Part(0, 23), Part(0, 59), Part(0, 59), (hour, minute, second) => $"T{hour:D2}:{minute:D2}:{second:D2}"),
        Gen.Frequency((10, Gen.OneOf(0, 3)), (3, Gen.Int[0, 10])).SelectMany(digits => digits == 0 ? Gen.Const("") : Gen.Char['0', '9'].Array[digits].Select(f => "." + new string(f))),
        Gen.Frequency((3, Gen.Const("")), (1, Gen.Const("Z"))),
        (date, time, fraction, zone) => date + time + fraction + zone);

    // A field's JSON value: mostly the text as a string, sometimes as a bare number, null or empty.
    private static Gen<string> Value(Gen<string> text) => Gen.Frequency(
        (40, text.Select(t => $"\"{t}\"")),
        (1, text),
        (1, Gen.Const("null")),
        (1, Gen.Const("\"\"")));

    private static readonly string[] Fields = ["Id", "PostId", "VoteTypeId", "CreationDate", "UserId", "BountyAmount"];

    private static Gen<string> Member(string name) => Value(name switch { "CreationDate" => Timestamp, "VoteTypeId" => Integer(20), _ => Integer(100_000_000) }).Select(value => $"\"{name}\":{value}");

    // Now and then a member more: a field again, or one that is not a vote field.
    private static readonly Gen<string> Extra = Gen.Frequency(
        (2, Gen.OneOf(Fields).SelectMany(Member)),
        (1, Gen.OneOf("\"Note\":\"x\"", "\"Note\":1", "\"Note\":null", "\"Note\":{\"a\":[1,{}]}", "\"Note\":\"caf\u00e9\"", "\"id\":\"1\"", "\"Id \":\"1\"", "\"\":\"\"")));

    private static readonly Gen<string> Line = Gen.Select(
        Member("Id"), Member("PostId"), Member("VoteTypeId"), Member("CreationDate"),
        Gen.Frequency((2, Gen.Const("")), (1, Member("UserId"))),
        Gen.Frequency((3, Gen.Const("")), (1, Member("BountyAmount"))),
        Gen.Frequency((6, Gen.Const("")), (1, Extra)),
        (id, post, type, date, user, bounty, extra) => new[] { id, post, type, date, user, bounty, extra }.Where(m => m != "").ToArray())
        .SelectMany(members => Gen.Shuffle(members))
        .Select(members => "{" + string.Join(',', members) + "}");

    // What a mutation puts in: bytes that change how JSON or the fast path reads a line.
    private static readonly byte[][] Insertions = [.. new[]
    {
        " ", "\t", "\r", "\n", "\f", "\v", "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "1", "9", "-", "+", ".", "e", "E", "T", "Z", "a",
        "\\u0030", "\\\"", "\\u00e9", "\\ud800", "null", "/*c*/", "\u00e9", "\u20ac", "\ufeff",
        ",\"Id\":\"1\"", ",\"UserId\":\"5\"", ",\"Note\":\"x\"", "\"Id\":\"2\",",
    }.Select(Encoding.UTF8.GetBytes), [0x00], [0x7F], [0x80], [0xC3], [0xE2, 0x82], [0xFF], [0xEF, 0xBB, 0xBF]];

    private enum Change { Replace, Insert, Delete, DeleteRun, Truncate, RandomByte }

    private sealed record Mutation(Change Change, int At, int What);

    private static readonly Gen<Mutation> AMutation = Gen.Select(Gen.Enum<Change>(), Gen.Int[0, 255], Gen.Int[0, 255], (c, at, what) => new Mutation(c, at, what));

    private static readonly Gen<byte[]> Mutant = Gen.Select(
        Line,
        Gen.Frequency((4, Gen.Int[0, 0]), (4, Gen.Int[1, 1]), (2, Gen.Int[2, 2]), (1, Gen.Int[3, 4])).SelectMany(n => AMutation.Array[n]),
        (line, mutations) => mutations.Aggregate(Encoding.UTF8.GetBytes(line).ToList(), Apply).ToArray());

    private static List<byte> Apply(List<byte> line, Mutation mutation)
    {
        var at = mutation.At % (line.Count + 1);
        var insertion = Insertions[mutation.What % Insertions.Length];
        switch (mutation.Change)
        {
            case Change.Insert: line.InsertRange(at, insertion); break;
            case Change.Replace when at < line.Count: line.RemoveAt(at); line.InsertRange(at, insertion); break;
            case Change.RandomByte when at < line.Count: line[at] = (byte)mutation.What; break;
            case Change.Delete when at < line.Count: line.RemoveAt(at); break;
            case Change.DeleteRun: line.RemoveRange(at, Math.Min(1 + mutation.What % 12, line.Count - at)); break;
            case Change.Truncate: line.RemoveRange(at, line.Count - at); break;
        }
        return line;
    }

    private static string Shown(byte[] line) => string.Concat(line.Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));

    [Fact]
    public void Every_line_and_mutant_gets_the_same_verdict_reason_and_vote_with_the_fast_path_as_without()
    {
        long taken = 0, votes = 0, lines = 0;
        Mutant.Sample(line =>
        {
            var libraryReason = LineVerdict.Problem(line, tooLong: false, canonicalFirst: false, out var libraryVote);
            var reason = LineVerdict.Problem(line, tooLong: false, canonicalFirst: true, out var vote);
            var fast = CanonicalLine.TryRead(line, out var fastVote);
            if (fast && (libraryReason is not null || fastVote != libraryVote))
                throw new Xunit.Sdk.XunitException($"the fast path took a line the library route judges otherwise: {libraryReason ?? libraryVote.ToString()}, fast path {fastVote}");
            if (reason != libraryReason || vote != libraryVote)
                throw new Xunit.Sdk.XunitException($"with the fast path: {reason ?? vote.ToString()}; without: {libraryReason ?? libraryVote.ToString()}");
            Interlocked.Increment(ref lines);
            if (fast) Interlocked.Increment(ref taken);
            if (libraryReason is null) Interlocked.Increment(ref votes);
        }, iter: Mutants, print: Shown);

        output.WriteLine($"{lines:N0} lines: {votes:N0} votes, of which {taken:N0} by the fast path; {lines - votes:N0} rejected");
        // The generator must reach both sides, or the comparison proves little.
        Assert.InRange(taken, lines / 10, votes);
        Assert.InRange(votes - taken, lines / 200, lines);
        Assert.InRange(lines - votes, lines / 4, lines);
    }
}
