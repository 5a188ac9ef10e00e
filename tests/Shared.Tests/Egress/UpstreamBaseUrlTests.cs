using Switchyard.Shared.Egress;

namespace Switchyard.Shared.Tests.Egress;

public class UpstreamBaseUrlTests
{
    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("http://vllm.internal:8000/v1/")]
    [InlineData("https://acme.openai.azure.com")]
    [InlineData("http://[2606:4700::1]:8080/v1")]
    public void Validate_PlainHttpUrl_Null(string url)
    {
        Assert.Null(UpstreamBaseUrl.Validate(url));
    }

    [Theory]
    [InlineData("https://api.openai.com/v1?", "query")]
    [InlineData("https://evil.example/?x=", "query")]
    [InlineData("https://evil.example/v1#", "fragment")]
    [InlineData("https://evil.example/v1#frag", "fragment")]
    [InlineData("https://user:pass@api.openai.com/v1", "user information")]
    [InlineData("https://user@api.openai.com/v1", "user information")]
    [InlineData("ftp://files.example/v1", "absolute http or https")]
    [InlineData("file:///etc/passwd", "absolute http or https")]
    [InlineData("/v1/chat", "absolute http or https")]
    [InlineData("api.openai.com/v1", "absolute http or https")]
    [InlineData("https://evil.example\\@127.0.0.1/", "backslashes")]
    [InlineData("https://api.openai.com/v1 x", "spaces")]
    [InlineData("https://api.openai.com/v1\n", "control characters")]
    [InlineData("", "required")]
    public void Validate_UnusableUrl_SaysWhy(string url, string expected)
    {
        Assert.Contains(expected, UpstreamBaseUrl.Validate(url), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLong_SaysSo()
    {
        Assert.Contains("at most", UpstreamBaseUrl.Validate("https://a.example/" + new string('a', UpstreamBaseUrl.MaxLength)), StringComparison.Ordinal);
    }
}
