namespace VoteFunctions.Core.Output;

/// <summary>RFC 4180 text fields: quoted, with quotes doubled.</summary>
internal static class Csv
{
    public static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
