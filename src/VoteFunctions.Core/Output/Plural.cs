namespace VoteFunctions.Core.Output;

/// <summary>Nouns after a count, for people: "1 line read", "2 lines read", "0 lines read".</summary>
public static class Plural
{
    public static string Lines(long count) => count == 1 ? "line" : "lines";
}
