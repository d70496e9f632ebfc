namespace VoteFunctions.Tests.Browser;

/// <summary>What Chromium showed for a page: its screenshot, its DOM after loading, and its console messages.</summary>
public sealed record RenderedPage(string Url, Screenshot Screenshot, string Dom, IReadOnlyList<string> ConsoleMessages)
{
    /// <summary>
    /// Something is drawn: besides the background (the most common colour), at least 1% of the
    /// pixels and a few hundred colours, as text and shapes give with anti-aliasing.
    /// </summary>
    public void AssertNotBlank()
    {
        var (background, share) = Screenshot.MostCommonColour();
        Assert.True(share < 0.99, $"{Url} looks blank: {share:P1} of the screenshot is {background}");
        Assert.True(Screenshot.DistinctColours() >= 100, $"{Url} looks blank: only {Screenshot.DistinctColours()} colours in the screenshot");
    }

    /// <summary>
    /// The page wrote nothing to its console: Chromium logs every console message at one level,
    /// so any message counts (a page without scripts writes none unless something failed, such
    /// as an uncaught error).
    /// </summary>
    public void AssertNoConsoleMessages() =>
        Assert.True(ConsoleMessages.Count == 0, $"{Url} wrote to the console: {string.Join(" | ", ConsoleMessages)}");
}
