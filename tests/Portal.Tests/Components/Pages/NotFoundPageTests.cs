using Bunit;
using Switchyard.Portal.Components.Pages;
using Switchyard.Portal.Tests.Infrastructure;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class NotFoundPageTests : PortalTestContext
{
    [Fact]
    public void Render_SaysNotFoundWithOneH1AndAWayBack()
    {
        var page = Render<NotFound>();

        Assert.Equal("Page not found", Assert.Single(page.FindAll("h1")).TextContent.Trim());
        Assert.Equal("/", page.Find("[data-testid=not-found-home]").GetAttribute("href"));
    }
}
