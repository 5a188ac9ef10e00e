using System.Net;

namespace Switchyard.ControlPlane.Tests;

public sealed class ControlPlaneExtensionsTests
{
    [Fact]
    public async Task MapControlPlane_Readyz_HealthyWhenDatabaseAnswers()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task MapControlPlane_OpenApi_DocumentsAdminApiOnly()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var document = await host.Anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/tenants/{tenantId}/keys", document, StringComparison.Ordinal);
        Assert.DoesNotContain("/internal/config", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddControlPlane_ShortNodeSecret_FailsAtStartNamingSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["ControlPlane:NodeSecret"] = "too-short" }));

        Assert.Contains("ControlPlane:NodeSecret", error.Message, StringComparison.Ordinal);
    }
}
