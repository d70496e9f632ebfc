using System.Globalization;
using System.Text.Json;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Core.Output;

/// <summary>
/// Rejected lines as text, written as they are read, so that a large listing never sits in
/// memory: a table for people, CSV and JSON for machines.
/// </summary>
public static class RejectedLineFormats
{
    public static void Write(IEnumerable<RejectedLine> lines, string format, TextWriter output)
    {
        switch (format)
        {
            case "json": WriteJson(lines, output); break;
            case "csv": WriteCsv(lines, output); break;
            case "table": WriteTable(lines, output); break;
            default: throw new ArgumentException($"unknown format '{format}': use table, csv or json", nameof(format));
        }
    }

    /// <summary>FileName,LineNumber,Reason,RawText; every text field quoted, '\n' line ends.</summary>
    private static void WriteCsv(IEnumerable<RejectedLine> lines, TextWriter output)
    {
        output.Write("FileName,LineNumber,Reason,RawText\n");
        foreach (var line in lines)
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{Quote(line.FileName)},{line.LineNumber},{Quote(line.Reason)},{Quote(line.RawText ?? "")}\n"));
    }

    /// <summary>An array of {"fileName", "lineNumber", "rawText", "reason"}, ending with a newline.</summary>
    private static void WriteJson(IEnumerable<RejectedLine> lines, TextWriter output)
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

    private static void WriteTable(IEnumerable<RejectedLine> lines, TextWriter output)
    {
        // A table needs its column widths: it shows a page at a time.
        const int Page = 1000;
        long count = 0;
        foreach (var page in lines.Chunk(Page))
        {
            var rows = page.Select(l => new[] { l.FileName, l.LineNumber.ToString(CultureInfo.InvariantCulture), l.Reason, Shorten(l.RawText ?? "", 60) }).ToList();
            output.Write(TextTable.Render(["File", "Line", "Reason", "Raw text"], rows, [false, true, false, false]));
            count += page.Length;
        }
        output.Write(count == 0 ? "No rejected lines.\n" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} rejected line{(count == 1 ? "" : "s")}\n"));
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Shorten(string text, int length)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
