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
}
