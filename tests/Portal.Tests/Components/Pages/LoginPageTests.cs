using Bunit;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Tests.Infrastructure;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class LoginPageTests : PortalTestContext
{
    [Fact]
    public void Render_ShowsEmailPasswordAndSubmit()
    {
        var page = Render<Login>();

        Assert.Equal("email", page.Find("input[data-testid=login-email]").GetAttribute("type"));
        Assert.Equal("password", page.Find("input[data-testid=login-password]").GetAttribute("type"));
        Assert.Equal("submit", page.Find("[data-testid=login-submit]").GetAttribute("type"));
        Assert.Equal("post", page.Find("form[data-testid=login-form]").GetAttribute("method"));
        Assert.Empty(page.FindAll("[data-testid=login-error]"));
    }
}
