using System.Security.Claims;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Services;

public sealed class PortalUserTests
{
    private static readonly Guid Home = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Other = Guid.Parse("22222222-2222-2222-2222-222222222222");

    private static ClaimsPrincipal Principal(MemberRole role, params Claim[] extra) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
                new Claim(ClaimTypes.Name, "ops@acme.test"),
                new Claim(PortalClaims.TenantId, Home.ToString()),
                new Claim(PortalClaims.TenantName, "Acme"),
                new Claim(ClaimTypes.Role, role.ToString()),
                new Claim(PortalClaims.ApiToken, "token"),
                .. extra,
            ],
            PortalClaims.Scheme, ClaimTypes.Name, ClaimTypes.Role));

    [Fact]
    public void From_NoSelection_WorksOnOwnTenant()
    {
        var user = PortalUser.From(Principal(MemberRole.PlatformAdmin))!;

        Assert.Equal(Home, user.TenantId);
        Assert.Equal(Home, user.HomeTenantId);
        Assert.False(user.IsSwitched);
    }

    [Fact]
    public void SelectTenant_PlatformAdmin_PagesUseTheSelectedTenant()
    {
        var switched = PortalUser.SelectTenant(Principal(MemberRole.PlatformAdmin), Other, "Globex");

        var user = PortalUser.From(switched)!;

        Assert.Equal(Other, user.TenantId);
        Assert.Equal("Globex", user.TenantName);
        Assert.Equal(Home, user.HomeTenantId);
        Assert.True(user.IsSwitched);
        Assert.Equal("token", switched.FindFirstValue(PortalClaims.ApiToken));
    }

    [Fact]
    public void SelectTenant_OwnTenant_ClearsTheSelection()
    {
        var switched = PortalUser.SelectTenant(Principal(MemberRole.PlatformAdmin), Other, "Globex");

        var back = PortalUser.SelectTenant(switched, Home, "Acme");

        Assert.Null(back.FindFirst(PortalClaims.SelectedTenantId));
        Assert.Equal(Home, PortalUser.From(back)!.TenantId);
    }

    [Fact]
    public void SelectTenant_SwitchedTwice_KeepsOneSelection()
    {
        var once = PortalUser.SelectTenant(Principal(MemberRole.PlatformAdmin), Other, "Globex");
        var third = Guid.NewGuid();

        var twice = PortalUser.SelectTenant(once, third, "Initech");

        Assert.Single(twice.FindAll(PortalClaims.SelectedTenantId));
        Assert.Equal(third, PortalUser.From(twice)!.TenantId);
    }

    [Theory]
    [InlineData(MemberRole.TenantAdmin)]
    [InlineData(MemberRole.Developer)]
    public void From_SelectionOnANonPlatformAdmin_IsIgnored(MemberRole role)
    {
        var principal = Principal(role,
            new Claim(PortalClaims.SelectedTenantId, Other.ToString()), new Claim(PortalClaims.SelectedTenantName, "Globex"));

        var user = PortalUser.From(principal)!;

        Assert.Equal(Home, user.TenantId);
        Assert.Equal("Acme", user.TenantName);
    }
}
