using Switchyard.Governance.Terms;

namespace Switchyard.DataPlane.Tests.Guardrails.Terms;

public class BannedTermMatcherTests
{
    private static readonly BannedTermMatcher Matcher = new(["project falcon", "Crème", "class"]);

    [Theory]
    [InlineData("Tell me about Project Falcon.", "project falcon")]
    [InlineData("tell me about PROJECT\n\t FALCON", "project falcon")]
    [InlineData("about ｐｒｏｊｅｃｔ ｆａｌｃｏｎ", "project falcon")]
    [InlineData("about proj\u200Bect fal\u00ADcon", "project falcon")]
    [InlineData("the creme brulee", "creme")]
    [InlineData("the CRÈME", "creme")]
    [InlineData("a (class) here", "class")]
    public void FindFirst_TermDisguised_Found(string text, string term)
    {
        var match = Matcher.FindFirst(text);

        Assert.NotNull(match);
        Assert.Equal(term, Matcher.Term(match.Value));
    }

    [Theory]
    [InlineData("a classic movie")]
    [InlineData("subclass and classes")]
    [InlineData("project falconry")]
    [InlineData("nothing here")]
    [InlineData("")]
    public void FindFirst_TermOnlyInsideAWord_NotFound(string text) => Assert.Null(Matcher.FindFirst(text));

    [Fact]
    public void FindFirst_Match_ReportsThePositionInTheOriginalText()
    {
        const string Text = "x ｐｒｏｊｅｃｔ  Falcon y";

        var match = Matcher.FindFirst(Text)!.Value;

        Assert.Equal("ｐｒｏｊｅｃｔ  Falcon", Text.Substring(match.Index, match.Length));
    }

    [Fact]
    public void FindFirst_ManyTerms_FindsTheOneUsed()
    {
        var matcher = new BannedTermMatcher(Enumerable.Range(0, 5000).Select(i => "codename" + i).Append("zebra"));

        Assert.Equal("zebra", matcher.Term(matcher.FindFirst("a Zebra crossing")!.Value));
        Assert.Null(matcher.FindFirst("codename 12 is fine"));
    }
}
