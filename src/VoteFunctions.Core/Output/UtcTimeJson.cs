using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoteFunctions.Core.Output;

/// <summary>
/// A time of the warehouse for machines, in CSV and JSON alike: UTC, ISO-8601 with milliseconds and
/// Z. The warehouse's TIMESTAMPs are UTC but come back without a kind, which JSON would write without its Z.
/// </summary>
internal sealed class UtcTimeJson : JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Text(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(Text(value));
}
