using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace VoteFunctions.Core.Generation;

/// <summary>
/// Writes realistic, reproducible vote files: votes spread over years with a growth trend,
/// seasons, noise and a few spike and dip weeks (the outliers); vote types and optional fields in
/// the proportions of a Stack Exchange export; optionally exact duplicate lines and bad lines.
/// The same options and seed always give the same bytes.
/// </summary>
public sealed class VoteFileGenerator
{
    public long Rows { get; init; } = 40_000;
    public int Seed { get; init; } = 2017;
    public DateTime From { get; init; } = new(2017, 1, 1);
    public DateTime To { get; init; } = new(2022, 1, 1);
    public long FirstId { get; init; } = 1;
    /// <summary>Fraction of lines that repeat an earlier line exactly (an overlapping export).</summary>
    public double DuplicateRate { get; init; }
    /// <summary>Fraction of lines that are damaged: not JSON, a missing field, a bad date.</summary>
    public double BadLineRate { get; init; }

    /// <summary>Writes the file at <paramref name="path"/>; a folder that is not there is a one-line <see cref="WarehouseException"/>.</summary>
    public void WriteTo(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new WarehouseException($"cannot write {path}: folder {folder} does not exist");
        if (Directory.Exists(path)) throw new WarehouseException($"cannot write {path}: it is a folder; name a file in it");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.SmallestSize) : (Stream)file;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        WriteTo(writer);
    }

    public void WriteTo(TextWriter writer)
    {
        var random = new Random(Seed);
        var weeks = (int)Math.Ceiling((To - From).TotalDays / 7);
        var weights = new double[weeks];
        for (var w = 0; w < weeks; w++)
        {
            var trend = 1 + 0.15 * w / weeks;
            var season = 1 - 0.1 * Math.Cos(2 * Math.PI * (w % 52) / 52.0 - 0.3); // quieter at the turn of the year
            var noise = 1 + 0.08 * (random.NextDouble() * 2 - 1);
            var event_ = random.NextDouble() switch { < 0.03 => 1.9, < 0.05 => 0.45, _ => 1.0 };
            weights[w] = trend * season * noise * event_;
        }
        var total = weights.Sum();

        var id = FirstId;
        long written = 0;
        var recent = new List<string>();
        for (var w = 0; w < weeks && written < Rows; w++)
        {
            var weekStart = From.AddDays(7 * w);
            var inWeek = w == weeks - 1 ? Rows - written : (long)Math.Round(Rows * weights[w] / total);
            var seconds = new int[Math.Min(inWeek, Rows - written)];
            var span = (int)Math.Min(7 * 86400, (To - weekStart).TotalSeconds);
            for (var i = 0; i < seconds.Length; i++) seconds[i] = random.Next(span);
            Array.Sort(seconds);
            foreach (var second in seconds)
            {
                string line;
                if (recent.Count > 0 && random.NextDouble() < DuplicateRate)
                    line = recent[random.Next(recent.Count)];
                else if (random.NextDouble() < BadLineRate)
                    line = BadLine(random, id++, weekStart.AddSeconds(second));
                else
                {
                    line = Vote(random, id++, weekStart.AddSeconds(second));
                    if (recent.Count < 1000) recent.Add(line); else recent[random.Next(1000)] = line;
                }
                writer.Write(line);
                writer.Write('\n');
                written++;
            }
        }
    }

    private static string Vote(Random random, long id, DateTime at)
    {
        var postId = 1 + (long)(Math.Pow(random.NextDouble(), 2) * 60_000); // older posts collect more votes
        var (type, userId, bounty) = random.NextDouble() switch
        {
            < 0.70 => (2, (long?)null, (int?)null),                         // up
            < 0.82 => (3, null, null),                                       // down
            < 0.88 => (1, null, null),                                       // accepted
            < 0.94 => (5, random.Next(1, 30_000), null),                     // favourite, with voter
            < 0.96 => (8, random.Next(1, 30_000), 50 * random.Next(1, 11)),  // bounty start
            < 0.97 => (9, null, 50 * random.Next(1, 11)),                   // bounty close
            < 0.99 => (10, null, null),                                      // deletion
            _ => (16, (long?)-1, null),                                      // approve edit, community user
        };
        var line = new StringBuilder(140)
            .Append("{\"Id\":\"").Append(id)
            .Append("\",\"PostId\":\"").Append(postId)
            .Append("\",\"VoteTypeId\":\"").Append(type)
            .Append("\",\"CreationDate\":\"").Append(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append('"');
        if (userId is not null) line.Append(",\"UserId\":\"").Append(userId).Append('"');
        if (bounty is not null) line.Append(",\"BountyAmount\":\"").Append(bounty).Append('"');
        return line.Append('}').ToString();
    }

    private static string BadLine(Random random, long id, DateTime at) => random.Next(4) switch
    {
        0 => "{\"Id\":\"" + id + "\",\"PostId\":\"7\",\"VoteTypeId\":\"2\",\"CreationDate\":\"" + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T25:61:00.000\"}",
        1 => "{\"Id\":\"" + id + "\",\"VoteTypeId\":\"2\",\"CreationDate\":\"" + at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "\"}",
        2 => "{\"Id\":\"" + id + "\",\"PostId\":\"7\",\"VoteTypeId\":\"2\",\"Creati",
        _ => "<html><body>502 Bad Gateway</body></html>",
    };
}
