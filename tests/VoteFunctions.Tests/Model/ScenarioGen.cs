using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;

namespace VoteFunctions.Tests.Model;

/// <summary>A file as generated: its lines, how they are written, and how the file is stored.</summary>
public sealed record GenFile(string Name, string[] Lines, string LineEnd, bool FinalNewline, bool ByteOrderMark, GenStorage Storage)
{
    public byte[] Content()
    {
        var text = string.Join(LineEnd, Lines) + (FinalNewline && Lines.Length > 0 ? LineEnd : "");
        // Lines are generated as text; \uDC80-\uDCFF stand for single invalid bytes 0x80-0xFF.
        var bytes = new List<byte>();
        if (ByteOrderMark) bytes.AddRange([0xEF, 0xBB, 0xBF]);
        foreach (var rune in Split(text))
            if (rune is >= 0xDC80 and <= 0xDCFF) bytes.Add((byte)(rune - 0xDC00));
            else bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(rune)));
        return bytes.ToArray();
    }

    private static IEnumerable<int> Split(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { yield return char.ConvertToUtf32(text[i], text[i + 1]); i++; }
            else yield return text[i];
        }
    }
}

/// <summary>How a generated file is stored: plain, or gzip in some members, maybe damaged.</summary>
/// <param name="Members">0 for a plain file; else the gzip members the content is cut into.</param>
/// <param name="Damage">Where a damaged gzip is hurt, in thousandths of its length past the header; <paramref name="Cut"/> there, or a bit flipped.</param>
public sealed record GenStorage(int Members, CompressionLevel Level, int? Damage, bool Cut)
{
    public static readonly GenStorage Plain = new(0, CompressionLevel.Optimal, null, false);
}

/// <summary>Ingests in order: each step a list of files queued together (a batch, or a few).</summary>
public sealed record Scenario(GenFile[][] Steps);

/// <summary>
/// Generators of files that hit the contract's rules: Ids from a small range, so that they repeat
/// within a file, across the files of a batch and against stored votes; the same vote written in
/// other ways (field order, numbers or strings, escapes, absent optional fields, fraction digits);
/// conflicting versions; every kind of bad line; dates at year and week edges and years 0001/9999;
/// weekly counts small enough to land on the 20% boundary; gzip whole, in members, or damaged.
/// </summary>
public static class ScenarioGen
{
    private static readonly string[] Names = ["a.jsonl", "b.jsonl", "votes.jsonl", "votes.jsonl.gz", "c d.jsonl"];

    private static readonly DateTime[] EdgeDates =
    [
        new(1, 1, 1), new(9999, 12, 31, 23, 59, 59), new(2017, 1, 1), new(2018, 12, 31), new(2021, 1, 3),
        new(2020, 2, 29, 12, 0, 0), new(2024, 12, 30), new(2024, 12, 31, 23, 59, 59), new(2022, 1, 2, 23, 59, 59),
    ];

    /// <summary>A day in one of four weeks of January 2022 (week 0 is one day, a Sunday), or an edge date.</summary>
    private static readonly Gen<DateTime> Dates = Gen.Frequency(
        (8, Gen.Select(Gen.Int[0, 21], Gen.Int[0, 23], Gen.OneOf(0, 0, 123_000, 500_000, 999_999),
            (day, hour, micros) => new DateTime(2022, 1, 2).AddDays(day).AddHours(hour).AddTicks(micros * 10L))),
        (1, Gen.OneOf(EdgeDates)));

    private static readonly Gen<ModelVote> Votes =
        Gen.Select(Gen.Frequency((30, Gen.Long[1, 24]), (1, Gen.OneOf(long.MaxValue, 1_000_000_000_000L))),
                   Gen.Long[1, 2], Gen.OneOf(2L, 3L), Dates,
                   Gen.Frequency((3, Gen.Const((long?)null)), (2, Gen.Const((long?)7)), (1, Gen.OneOf<long?>(-1, long.MinValue))),
                   Gen.Frequency((6, Gen.Const((long?)null)), (1, Gen.OneOf<long?>(50, 0, int.MaxValue))),
                   (id, post, type, date, user, bounty) =>
                       new ModelVote(id, post, type, (date - DateTime.UnixEpoch).Ticks / 10, user, bounty));

    /// <summary>A vote written as one of the many texts of it; Id sometimes from a tighter range for more repeats.</summary>
    private static readonly Gen<string> GoodLines = Gen.Select(Votes, Gen.Int[0, int.MaxValue], (vote, seed) => Write(vote, new Random(seed)));

    private static string Write(ModelVote vote, Random random)
    {
        string Integer(long value) => random.Next(5) switch
        {
            0 => value.ToString(CultureInfo.InvariantCulture),                        // a JSON number
            1 when value is >= 0 and < 10 => $"\"\\u003{value}\"",                     // an escaped digit
            _ => $"\"{value}\"",
        };
        string Absent() => random.Next(3) switch { 0 => "null", 1 => "\"\"", _ => "" };
        var date = vote.CreationDate;
        var micros = (int)(vote.CreationDateMicroseconds % 1_000_000);
        var fraction = random.Next(4) switch
        {
            0 when micros == 0 => "",
            1 => "." + micros.ToString("D6", CultureInfo.InvariantCulture) + new string((char)('0' + random.Next(10)), random.Next(0, 4)), // 7-9 digits cut off
            2 => micros == 0 ? ".0" : "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0'),
            _ => "." + micros.ToString("D6", CultureInfo.InvariantCulture),
        };
        var fields = new List<string>
        {
            $"\"Id\":{Integer(vote.Id)}",
            $"\"PostId\":{Integer(vote.PostId)}",
            $"\"VoteTypeId\":{Integer(vote.VoteTypeId)}",
            $"\"CreationDate\":\"{date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}{fraction}{(random.Next(4) == 0 ? "Z" : "")}\"",
        };
        if (vote.UserId is { } user) fields.Add($"\"UserId\":{Integer(user)}");
        else if (Absent() is { Length: > 0 } none) fields.Add($"\"UserId\":{none}");
        if (vote.BountyAmount is { } bounty) fields.Add($"\"BountyAmount\":{Integer(bounty)}");
        else if (Absent() is { Length: > 0 } none) fields.Add($"\"BountyAmount\":{none}");
        if (random.Next(6) == 0) fields.Add("\"Note\":{\"Id\":[1,2]}");
        if (random.Next(3) == 0) fields = fields.OrderBy(_ => random.Next()).ToList();
        var separator = random.Next(5) == 0 ? ", " : ",";
        return (random.Next(8) == 0 ? " " : "") + "{" + string.Join(separator, fields) + "}" + (random.Next(8) == 0 ? "\t" : "");
    }

    /// <summary>Lines the line check must reject, one of each kind the contract names.</summary>
    private static readonly Gen<string> BadLines = Gen.Select(Votes, Gen.Int[0, 27], (vote, kind) =>
    {
        var good = Write(vote with { UserId = null, BountyAmount = null }, new Random(kind));
        var body = good.Trim()[1..^1];
        return kind switch
        {
            0 => "",
            1 => "  \t",
            2 => "not json",
            3 => "[" + good + "]",
            4 => good.Trim()[..^1],                                      // cut off
            5 => "{" + body + ",}",                                       // trailing comma
            6 => "{" + body + ",\"Id\":\"5\"}",                           // a vote field twice
            7 => "{" + body + ",\"\\u0049d\":\"5\"}",                     // ... escaped
            8 => "{" + body + ",\"Note\":\"\\ud800\"}",                   // a lone surrogate
            9 => "{" + body + ",\"Note\":\"caf\uDCE9\"}",                 // invalid UTF-8 (a lone byte 0xE9)
            10 => "{" + body + ",\"Note\":\"a\u0000b\"}",                 // a raw control character in a string
            11 => "{" + body + ",\"Note\":" + new string('[', 70) + new string(']', 70) + "}",
            12 => "{" + body + "} {}",
            13 => good.Replace("\"PostId\"", "\"postid\""),              // a required field missing
            14 => "{\"Id\":\"007\",\"PostId\":\"+5\",\"VoteTypeId\":\"5.0\",\"CreationDate\":\"2022-01-03T00:00:00\"}",
            15 => "{\"Id\":\"0\",\"PostId\":\"9223372036854775808\",\"VoteTypeId\":\"32768\",\"CreationDate\":\"2022-01-03T00:00:00\",\"BountyAmount\":\"-1\"}",
            16 => "{\"Id\":\"1\",\"PostId\":1e3,\"VoteTypeId\":\" 2\",\"CreationDate\":\"2021-02-29T00:00:00\"}",
            17 => "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-03T24:00:00\"}",
            18 => "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"0000-01-03T00:00:00\"}",
            19 => "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2020-1-6T1:2:3\",\"UserId\":\"-0\"}",
            20 => "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-03T00:00:00+01:00\",\"UserId\":true}",
            21 => "{\"Id\":-4,\"PostId\":{},\"VoteTypeId\":[2],\"CreationDate\":\"2022-01-03T00:00:00.\"}",
            22 => "\uFEFF" + good,                                        // a byte order mark not on line 1
            23 => "{" + body + ",\"Note\":NaN}",
            24 => "{" + body + "/* c */}",
            25 => "{\"Id\":\"\",\"PostId\":null,\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-03T00:00:00.1234567890\"}",
            26 => "\u001b[31m{\"Id\":\"1\"}",
            _ => "\r",
        };
    });

    /// <summary>A line of 1 MiB or more: rejected unread.</summary>
    private static readonly Gen<string> TooLongLines = Gen.Int[0, 2].Select(extra => "{\"Id\":\"" + new string('1', (1 << 20) - 10 + extra) + "\"}");

    private static readonly Gen<string> Lines = Gen.Frequency((600, GoodLines), (100, BadLines), (1, TooLongLines));

    /// <summary>Lines around more rejected lines than a file keeps, so that conflicts fall past the cap too.</summary>
    private static readonly Gen<string[]> ManyRejections = Gen.Select<string[], string[], string[]>(Lines.Array[2, 8], Lines.Array[2, 8],
        (before, after) => [.. before, .. Enumerable.Repeat("x", ContractModel.MaxKeptRejections - 1), .. after]);

    private static readonly Gen<GenStorage> Storages = Gen.Frequency(
        (6, Gen.Const(GenStorage.Plain)),
        (2, Gen.Select(Gen.Int[1, 3], Gen.OneOf(CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal),
            (members, level) => new GenStorage(members, level, null, false))),
        (1, Gen.Select(Gen.Int[1, 2], Gen.OneOf(CompressionLevel.NoCompression, CompressionLevel.Optimal), Gen.Int[1, 999], Gen.Bool,
            (members, level, at, cut) => new GenStorage(members, level, at, cut))));

    private static readonly Gen<GenFile> Files = Gen.Select(
        Gen.OneOf(Names), Gen.Frequency((400, Lines.Array[0, 30]), (1, ManyRejections)), Gen.Frequency((5, Gen.Const("\n")), (1, Gen.Const("\r\n"))),
        Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))), Gen.Frequency((8, Gen.Const(false)), (1, Gen.Const(true))), Storages,
        (name, lines, end, finalNewline, bom, storage) => new GenFile(name, lines, end, finalNewline, bom, storage));

    /// <summary>
    /// Steps of one to five files; a file is sometimes one that came before (the same bytes, under
    /// its name or another), so that contents come again within and across batches.
    /// </summary>
    public static readonly Gen<Scenario> Scenarios = Gen.Select(Files.Array[1, 5].Array[1, 4], Gen.Int[0, int.MaxValue], (steps, seed) =>
    {
        var random = new Random(seed);
        var seen = new List<GenFile>();
        var withRepeats = steps.Select(step => step.Select(file =>
        {
            if (seen.Count > 0 && random.Next(8) == 0)
            {
                var earlier = seen[random.Next(seen.Count)];
                file = earlier with { Name = random.Next(2) == 0 ? earlier.Name : file.Name };
            }
            seen.Add(file);
            return file;
        }).ToArray()).ToArray();
        return new Scenario(withRepeats);
    });

    /// <summary>The file as the model sees it: stored bytes, content, and whether gzip itself finds it damaged.</summary>
    public static ModelFile ToModel(GenFile file)
    {
        var content = file.Content();
        // GZipStream writes nothing at all for no data: an empty file stays a plain one.
        if (file.Storage.Members == 0 || content.Length == 0) return new ModelFile(file.Name, content, content, Damaged: false);
        var stored = Gzip(content, file.Storage.Members, file.Storage.Level);
        if (file.Storage.Damage is not { } at) return new ModelFile(file.Name, stored, content, Damaged: false);
        // Past the 10-byte header: a damaged header is the gzip tool's matter, not the data's.
        var position = 10 + (stored.Length - 10) * at / 1000;
        stored = file.Storage.Cut ? stored[..position] : Flip(stored, position);
        // The gzip tool is the referee: a change it cannot see (a padding bit, a cut between two
        // members) leaves a whole file, of what it decompresses to.
        return GzipDecompress(stored) is { } whole
            ? new ModelFile(file.Name, stored, whole, Damaged: false)
            : new ModelFile(file.Name, stored, content, Damaged: true);
    }

    private static byte[] Flip(byte[] bytes, int position)
    {
        var copy = bytes.ToArray();
        copy[Math.Min(position, copy.Length - 1)] ^= 0x10;
        return copy;
    }

    /// <summary>The content cut into members, each a gzip stream of its own, concatenated (as `cat a.gz b.gz`).</summary>
    private static byte[] Gzip(byte[] content, int members, CompressionLevel level)
    {
        using var output = new MemoryStream();
        var size = (content.Length + members - 1) / members;
        for (var start = 0; start < content.Length; start += size)
        {
            using var gzip = new GZipStream(output, level, leaveOpen: true);
            gzip.Write(content, start, Math.Min(size, content.Length - start));
        }
        return output.ToArray();
    }

    /// <summary>What `gzip -dc` makes of the bytes, or null when it finds them damaged (or warns of trailing garbage).</summary>
    internal static byte[]? GzipDecompress(byte[] stored)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, stored);
            using var gzip = Process.Start(new ProcessStartInfo("gzip", ["-dc", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stderr = gzip.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            gzip.StandardOutput.BaseStream.CopyTo(output);
            gzip.WaitForExit();
            stderr.Wait();
            return gzip.ExitCode == 0 ? output.ToArray() : null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A scenario as text, for a failure report: each file's name, storage and lines.</summary>
    public static string Describe(Scenario scenario) => string.Join("\n", scenario.Steps.Select((step, i) =>
        $"step {i + 1}:\n" + string.Join("\n", step.Select(file =>
            $"  {file.Name} [{file.Storage}, end {(file.LineEnd == "\n" ? "LF" : "CRLF")}, final newline {file.FinalNewline}, BOM {file.ByteOrderMark}]\n"
            + string.Concat(file.Lines.Select((line, n) => $"    {n + 1}: {Escape(line)}\n"))))));

    private static string Escape(string line) => string.Concat(line.Select(c => c < ' ' || c is >= '\uDC80' and <= '\uDCFF' ? $"\\u{(int)c:x4}" : c.ToString()));
}
