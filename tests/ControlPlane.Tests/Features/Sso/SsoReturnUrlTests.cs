using Switchyard.ControlPlane.Features.Sso;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

public sealed class SsoReturnUrlTests
{
    private static readonly SsoOptions Options = new() { ReturnOrigins = ["https://portal.example.com"] };

    [Theory]
    [InlineData("/", true)]
    [InlineData("/account/sso/complete?returnUrl=%2Fkeys", true)]
    [InlineData("https://portal.example.com/account/sso/complete", true)]
    [InlineData("//evil.example.com/", false)]
    [InlineData("/\\evil.example.com/", false)]
    [InlineData("https://evil.example.com/account/sso/complete", false)]
    [InlineData("https://portal.example.com:8443/", false)]
    [InlineData("http://portal.example.com/", false)]
    [InlineData("https://user@portal.example.com/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("", false)]
    public void IsAllowed_LocalPathsAndConfiguredOriginsOnly(string returnUrl, bool allowed)
    {
        Assert.Equal(allowed, SsoReturnUrl.IsAllowed(returnUrl, Options));
    }

    [Fact]
    public void Append_UrlWithQueryAndFragment_ParameterBeforeFragment()
    {
        Assert.Equal("/a?b=1&sso_code=x%2By#f", SsoReturnUrl.Append("/a?b=1#f", "sso_code", "x+y"));
    }
}
