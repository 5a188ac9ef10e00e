using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Demo;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Start_DemoEnabledEmptyDatabase_SeedsTenantRoutesAdminAndKey()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

        var tenant = Assert.Single(await host.WithDbAsync(db => db.Tenants.ToListAsync()));
        var routes = await host.WithDbAsync(db => db.ModelRoutes.OrderBy(r => r.PublicModel).ToListAsync());
        var admin = await host.WithDbAsync(db => db.Users.SingleAsync());
        var key = await host.WithDbAsync(db => db.VirtualKeys.SingleAsync());

        Assert.Equal("Demo", tenant.Name);
        Assert.Equal(["gpt-4o-mini", "mock-gpt"], routes.Select(r => r.PublicModel));
        Assert.All(routes, r => Assert.Equal(ProviderKinds.Mock, Assert.Single(r.Deployments).ProviderKind));
        Assert.Equal(DemoSeeder.AdminEmail, admin.Email);
        Assert.Equal(MemberRole.PlatformAdmin, admin.Role);
        Assert.NotNull(admin.PasswordHash);
        Assert.Equal(tenant.Id, key.TenantId);
    }

    [Fact]
    public async Task Start_DemoEnabled_MockRoutesArePricedInTheSnapshotAndTheKeyIsTagged()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

        var snapshot = await Pricing.PricingEndpointsTests.SnapshotAsync(host);

        Assert.Equal(2, snapshot.Routes.Count);
        Assert.All(snapshot.Routes.Select(r => Assert.Single(r.Deployments).Price!), p => Assert.Equal(
            (DemoSeeder.DemoInputPricePerMTok, DemoSeeder.DemoOutputPricePerMTok, DeploymentPrice.FromDeployment), (p.InputPerMTok, p.OutputPerMTok, p.Source)));
        var key = Assert.Single(snapshot.Keys);
        Assert.Equal(["app:demo"], key.Tags!);
        Assert.True(key.AllowRequestTags);
    }

    [Fact]
    public async Task Start_DemoDisabled_SeedsNothing()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        Assert.Empty(await host.WithDbAsync(db => db.Tenants.ToListAsync()));
    }
}
