using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Tests.Configuration;

public class ConfigSnapshotHashTests
{
    private static ConfigSnapshot Sample() => new()
    {
        Revision = 7,
        Tenants = [new TenantSnapshot(Guid.Parse("11111111-1111-1111-1111-111111111111"), "Acme", true)],
    };

    [Fact]
    public void Compute_IgnoresHashAndCreatedAt()
    {
        var a = Sample();
        var b = a with { Hash = "something", CreatedAt = DateTimeOffset.UnixEpoch.AddDays(3) };
        Assert.Equal(ConfigSnapshotHash.Compute(a), ConfigSnapshotHash.Compute(b));
    }

    [Fact]
    public void Compute_ContentChanged_DiffersAndIsHex()
    {
        var a = Sample();
        var b = a with { Tenants = [a.Tenants[0] with { Active = false }] };
        var hash = ConfigSnapshotHash.Compute(a);
        Assert.NotEqual(hash, ConfigSnapshotHash.Compute(b));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Compute_CapabilitiesOrDropUnsupportedParamsChanged_Differs()
    {
        var a = WithRoute(new ModelCapabilities(8_192, 1_024, Tools: true), dropUnsupportedParams: false);
        var b = WithRoute(new ModelCapabilities(8_192, 1_024, Tools: false), dropUnsupportedParams: false);
        var c = WithRoute(new ModelCapabilities(8_192, 1_024, Tools: true), dropUnsupportedParams: true);

        Assert.NotEqual(ConfigSnapshotHash.Compute(a), ConfigSnapshotHash.Compute(b));
        Assert.NotEqual(ConfigSnapshotHash.Compute(a), ConfigSnapshotHash.Compute(c));
    }

    [Fact]
    public void Serialize_NoCapabilitiesAndNoDrop_OmitsNewFieldsSoOlderSnapshotsKeepTheirHash()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(WithRoute(null, dropUnsupportedParams: false), SwitchyardJson.Options);
        var withBoth = System.Text.Json.JsonSerializer.Serialize(WithRoute(new ModelCapabilities(), dropUnsupportedParams: true), SwitchyardJson.Options);

        Assert.DoesNotContain("capabilities", json, StringComparison.Ordinal);
        Assert.DoesNotContain("dropUnsupportedParams", json, StringComparison.Ordinal);
        Assert.Contains("\"capabilities\":{", withBoth, StringComparison.Ordinal);
        Assert.Contains("\"dropUnsupportedParams\":true", withBoth, StringComparison.Ordinal);
    }

    private static ConfigSnapshot WithRoute(ModelCapabilities? capabilities, bool dropUnsupportedParams)
    {
        var deployment = new DeploymentSnapshot(
            Guid.Parse("22222222-2222-2222-2222-222222222222"), ProviderKinds.OpenAI, "gpt-4o", null, null, 1,
            new Dictionary<string, string>(), capabilities);
        var route = new RouteSnapshot(
            Guid.Parse("33333333-3333-3333-3333-333333333333"), Sample().Tenants[0].Id, "gpt", "weighted", [deployment], dropUnsupportedParams);
        return Sample() with { Routes = [route] };
    }
}
