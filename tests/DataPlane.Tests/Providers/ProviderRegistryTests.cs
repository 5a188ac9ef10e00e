using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers;

public class ProviderRegistryTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    [Fact]
    public void Kinds_NodeAsComposed_HasAProviderForEveryKindTheControlPlaneAccepts()
    {
        var providers = fixture.Host.Services.GetRequiredService<ProviderRegistry>();

        Assert.Subset(providers.Kinds.ToHashSet(StringComparer.Ordinal), ProviderKinds.All.ToHashSet(StringComparer.Ordinal));
    }
}
