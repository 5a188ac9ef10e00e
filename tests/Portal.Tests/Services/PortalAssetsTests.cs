using Switchyard.Portal.Services;

namespace Switchyard.Portal.Tests.Services;

public sealed class PortalAssetsTests
{
    [Fact]
    public void TryGet_Favicon_IsAnSvgImage()
    {
        var assets = new PortalAssets();

        Assert.True(assets.TryGet("favicon.svg", out var favicon));
        Assert.Equal("image/svg+xml", favicon.ContentType);
        Assert.StartsWith("<svg", System.Text.Encoding.UTF8.GetString(favicon.Content));
        Assert.Matches(@"^_content/Switchyard\.Portal/favicon\.svg\?v=[0-9a-f]{12}$", assets.Path("favicon.svg"));
    }
}
