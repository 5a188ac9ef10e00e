using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

public class RoutingPolicyRegistryTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    [Fact]
    public void Names_NodeAsComposed_HasAPolicyForEveryStrategyTheControlPlaneAccepts()
    {
        var registry = fixture.Host.Services.GetRequiredService<RoutingPolicyRegistry>();

        Assert.All(RoutingStrategies.All, strategy => Assert.Equal(strategy, registry.Get(strategy).Name));
        Assert.Subset(registry.Names.ToHashSet(StringComparer.Ordinal), RoutingStrategies.All.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Constructor_StrategyWithoutPolicy_RefusesToStartNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new RoutingPolicyRegistry([]));

        Assert.Contains(RoutingStrategies.Weighted, error.Message, StringComparison.Ordinal);
    }
}
