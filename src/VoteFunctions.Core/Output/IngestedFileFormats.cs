using System.Globalization;
using System.Text;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>The ledger for machines: CSV and JSON.</summary>
public static class IngestedFileFormats
{
    private static readonly JsonSerializerOptions Json = new(OutlierWeekFormats.Json) { Converters = { new UtcTimeJson() } };

    /// <summary>FileId,FileName,SizeBytes,Sha256,IngestedAt,LinesRead,Inserted,Duplicates,Rejected; times in UTC, ISO-8601.</summary>
    public static string ToCsv(IReadOnlyList<IngestedFile> files)
    {
        var csv = new StringBuilder("FileId,FileName,SizeBytes,Sha256,IngestedAt,LinesRead,Inserted,Duplicates,Rejected\n");
        foreach (var f in files)
            csv.Append(CultureInfo.InvariantCulture,
                $"{f.FileId},{Csv.Quote(f.FileName)},{f.SizeBytes},{f.Sha256},{UtcTimeJson.Text(f.IngestedAt)},{f.LinesRead},{f.Inserted},{f.Duplicates},{f.Rejected}\n");
        return csv.ToString();
    }

    /// <summary>[{"fileId":1,"fileName":"...","sizeBytes":...,"sha256":"...","ingestedAt":"2024-01-01T10:00:00.000Z",...}] and a newline.</summary>
    public static string ToJson(IReadOnlyList<IngestedFile> files) => JsonSerializer.Serialize(files, Json) + "\n";
}
