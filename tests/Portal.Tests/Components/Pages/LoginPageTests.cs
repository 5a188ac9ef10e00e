using System.Net;
using Bunit;
using Microsoft.AspNetCore.Http;
using Switchyard.Portal.Components.Pages.Account;
using Switchyard.Portal.Services;
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

    [Fact]
    public void Submit_WrongPassword_ShowsTheErrorKeepsTheEmailAndEmptiesThePassword()
    {
        Api.Failures[nameof(IControlPlaneClient.LoginAsync)] = FakeControlPlaneClient.Problem("Invalid email or password.", HttpStatusCode.Unauthorized);
        var context = new StaticPageContext("POST");
        var page = Render<Login>(p => p.AddCascadingValue<HttpContext>(context.Http));

        page.Find("#login-email").Change("dev@acme.test");
        page.Find("#login-password").Change("wrong-password-123");
        page.Find("form").Submit();

        Assert.Equal("Invalid email or password.", page.Find("[data-testid=login-error]").TextContent);
        Assert.Equal("dev@acme.test", page.Find("#login-email").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.Find("#login-password").GetAttribute("value")));
        Assert.Empty(context.Authentication.SignIns);
    }
}
