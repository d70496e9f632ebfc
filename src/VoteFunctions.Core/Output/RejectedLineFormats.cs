using System.Globalization;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>
/// Rejected lines for machines, CSV and JSON, written as they are read so that a large listing
/// never sits in memory.
/// </summary>
public static class RejectedLineFormats
{
    /// <summary>FileName,LineNumber,Reason,RawText; every text field quoted, '\n' line ends.</summary>
    public static void WriteCsv(IEnumerable<RejectedLine> lines, TextWriter output)
    {
        output.Write("FileName,LineNumber,Reason,RawText\n");
        foreach (var line in lines)
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{Csv.Quote(line.FileName)},{line.LineNumber},{Csv.Quote(line.Reason)},{Csv.Quote(line.RawText ?? "")}\n"));
    }

    /// <summary>An array of {"fileName", "lineNumber", "rawText", "reason"}, ending with a newline.</summary>
    public static void WriteJson(IEnumerable<RejectedLine> lines, TextWriter output)
    {
        output.Write('[');
        var first = true;
        foreach (var line in lines)
        {
            output.Write(first ? "\n  " : ",\n  ");
            output.Write(JsonSerializer.Serialize(line, OutlierWeekFormats.Json));
            first = false;
        }
        output.Write(first ? "]\n" : "\n]\n");
    }


}
