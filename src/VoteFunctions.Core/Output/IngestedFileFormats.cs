using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>The ledger for machines: CSV and JSON.</summary>
public static class IngestedFileFormats
{
    /// <summary>When a file was ingested, in CSV and JSON alike: UTC, ISO-8601 with milliseconds and Z.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonSerializerOptions Json = new(OutlierWeekFormats.Json) { Converters = { new UtcTime() } };

    /// <summary>FileId,FileName,SizeBytes,Sha256,IngestedAt,LinesRead,Inserted,Duplicates,Rejected; times in UTC, ISO-8601.</summary>
    public static string ToCsv(IReadOnlyList<IngestedFile> files)
    {
        var csv = new StringBuilder("FileId,FileName,SizeBytes,Sha256,IngestedAt,LinesRead,Inserted,Duplicates,Rejected\n");
        foreach (var f in files)
            csv.Append(CultureInfo.InvariantCulture,
                $"{f.FileId},{Csv.Quote(f.FileName)},{f.SizeBytes},{f.Sha256},{f.IngestedAt.ToString(TimeFormat, CultureInfo.InvariantCulture)},{f.LinesRead},{f.Inserted},{f.Duplicates},{f.Rejected}\n");
        return csv.ToString();
    }

    /// <summary>[{"fileId":1,"fileName":"...","sizeBytes":...,"sha256":"...","ingestedAt":"2024-01-01T10:00:00.000Z",...}] and a newline.</summary>
    public static string ToJson(IReadOnlyList<IngestedFile> files) => JsonSerializer.Serialize(files, Json) + "\n";

    // The warehouse's TIMESTAMPs are UTC but come back without a kind, which JSON would write without its Z.
    private sealed class UtcTime : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(TimeFormat, CultureInfo.InvariantCulture));
    }
}
