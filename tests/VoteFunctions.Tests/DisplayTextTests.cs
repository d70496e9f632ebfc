
namespace VoteFunctions.Tests;

/// <summary>Text from the data shown to people: what a terminal would obey is shown, not obeyed.</summary>
public class DisplayTextTests
{
    [Theory]
    [InlineData("\u001b[31mred", "␛[31mred")]
    [InlineData("a\0b", "a␀b")]
    [InlineData("two\nlines\r\n", "two␊lines␍␊")]
    [InlineData("tab\there", "tab␉here")]
    [InlineData("del\u007f", "del␡")]
    [InlineData("next\u0085line", "next<U+0085>line")]
    [InlineData("csi\u009b31m", "csi<U+009B>31m")]
    [InlineData("txt.\u202eexe", "txt.<U+202E>exe")]
    [InlineData("\u2066isolate\u2069", "<U+2066>isolate<U+2069>")]
    [InlineData("mark\u200f\u061c", "mark<U+200F><U+061C>")]
    [InlineData("line\u2028paragraph\u2029", "line<U+2028>paragraph<U+2029>")]
    public void Control_characters_are_shown_as_visible_characters(string text, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(text));
    }

    [Theory]
    [InlineData("votes-2017-2021.jsonl.gz")]
    [InlineData("""{"Id":"\u001b","Note":"<html>"}""")]
    [InlineData("café, 東京, emoji 🗳️, replacement \uFFFD, shown ␀")]
    public void Other_text_is_left_as_it_is(string text)
    {
        Assert.Same(text, DisplayText.Escape(text));
    }

    [Fact]
    public void Escaping_twice_changes_nothing_more()
    {
        var once = DisplayText.Escape("\u001b\n\u202e\u0085");

        Assert.Equal(once, DisplayText.Escape(once));
    }
}
