using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.AdminKeys;

public sealed class AdminKeyBootstrapperTests
{
    [Fact]
    public async Task Start_ConfiguredKey_StoredAsHashAndAuthenticatesAsPlatformAdmin()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var keys = await host.WithDbAsync(db => db.AdminApiKeys.ToListAsync());
        var key = Assert.Single(keys);
        Assert.Null(key.TenantId);
        Assert.Equal(MemberRole.PlatformAdmin, key.Role);
        Assert.NotEqual(ControlPlaneTestHost.AdminKey, key.Hash);
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync("/api/nodes")).StatusCode);
    }

    [Fact]
    public async Task Start_NoConfiguredKey_GeneratesOne()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["SWITCHYARD_ADMIN_KEY"] = "" });

        var key = Assert.Single(await host.WithDbAsync(db => db.AdminApiKeys.ToListAsync()));
        Assert.StartsWith("sk-sya-", key.Prefix, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Admin.GetAsync("/api/tenants")).StatusCode);
    }

    [Theory]
    [InlineData("sk-sy-not-an-admin-key-0123456789abcdef")]
    [InlineData("sk-sya-short")]
    public async Task Start_MalformedConfiguredKey_FailsWithMessage(string configured)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["SWITCHYARD_ADMIN_KEY"] = configured }));

        Assert.Contains("SWITCHYARD_ADMIN_KEY", error.Message, StringComparison.Ordinal);
    }
}
