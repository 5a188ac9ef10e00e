using Switchyard.Portal.Components.Pages.Account;

namespace Switchyard.Portal.Tests.Services;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/keys", "/keys")]
    [InlineData("/usage?key=1", "/usage?key=1")]
    [InlineData(null, "/")]
    [InlineData("https://evil.test/", "/")]
    [InlineData("//evil.test/", "/")]
    [InlineData("/\\evil.test/", "/")]
    [InlineData("/account/login", "/")]
    public void Sanitize_KeepsOnlyLocalPortalPaths(string? returnUrl, string expected)
    {
        Assert.Equal(expected, LocalReturnUrl.Sanitize(returnUrl));
    }
}
