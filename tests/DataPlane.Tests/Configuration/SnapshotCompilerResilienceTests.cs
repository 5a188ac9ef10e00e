using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Configuration;

/// <summary>Routing fields out of the shared ranges (<see cref="RouteResilienceRules"/>) are kept out like any other rule break.</summary>
public class SnapshotCompilerResilienceTests
{
    private readonly SnapshotCompiler _compiler = new(new SecretSealer(TestSnapshots.NodeSecret));

    [Fact]
    public void Compile_RouteRetryOutOfRange_RouteUnavailableNamingTheField()
    {
        var snapshot = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var broken = snapshot.Routes[0] with { Retry = new RouteRetrySettings(MaxAttempts: 0) };

        var compiled = Compile(snapshot with { Routes = [broken, .. snapshot.Routes.Skip(1)] });

        var route = compiled.FindRoute(TestSnapshots.TenantId, broken.PublicModel)!;
        Assert.Empty(route.Deployments);
        Assert.Contains("retry.maxAttempts", route.UnavailableReason);
        Assert.Null(compiled.FindRoute(TestSnapshots.TenantId, "gpt-mock")!.UnavailableReason);
    }

    [Fact]
    public void Compile_RouteItsOwnFallback_RouteUnavailable()
    {
        var snapshot = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var broken = snapshot.Routes[0] with { Fallbacks = [snapshot.Routes[0].PublicModel] };

        var compiled = Compile(snapshot with { Routes = [broken, .. snapshot.Routes.Skip(1)] });

        Assert.Contains("fallbacks[0]", compiled.FindRoute(TestSnapshots.TenantId, broken.PublicModel)!.UnavailableReason);
    }

    [Fact]
    public void Compile_DeploymentWithNegativePrice_LeftOutRouteKeepsTheOther()
    {
        var snapshot = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var good = snapshot.Routes[0].Deployments[0];
        var bad = good with { Id = Guid.CreateVersion7(), InputPricePerMTok = -1 };
        var route = snapshot.Routes[0] with { Deployments = [bad, good] };

        var compiled = Compile(snapshot with { Routes = [route, .. snapshot.Routes.Skip(1)] });

        Assert.Equal(good.Id, Assert.Single(compiled.FindRoute(TestSnapshots.TenantId, route.PublicModel)!.Deployments).Id);
        var reported = Assert.Single(compiled.Rejected);
        Assert.Equal((RejectedConfigItem.Deployment, bad.Id), (reported.Kind, reported.Id));
        Assert.Contains("deployments[0].inputPricePerMTok", reported.Reason);
    }

    [Fact]
    public void Compile_DeploymentWithBrokenResolvedPrice_LeftOutNamingTheRate()
    {
        var snapshot = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var good = snapshot.Routes[0].Deployments[0] with { Price = new DeploymentPrice("v1", DeploymentPrice.FromCatalog, 1m, 2m) };
        var bad = good with { Id = Guid.CreateVersion7(), Price = good.Price! with { CachedInputPerMTok = -0.5m } };
        var route = snapshot.Routes[0] with { Deployments = [bad, good] };

        var compiled = Compile(snapshot with { Routes = [route, .. snapshot.Routes.Skip(1)] });

        var kept = Assert.Single(compiled.FindRoute(TestSnapshots.TenantId, route.PublicModel)!.Deployments);
        Assert.Equal((good.Id, "v1"), (kept.Id, kept.Snapshot.Price!.Version));
        Assert.Contains("deployments[0].price.cachedInputPerMTok", Assert.Single(compiled.Rejected).Reason);
    }

    private RuntimeSnapshot Compile(ConfigSnapshot snapshot) =>
        _compiler.Compile(TestSnapshots.Stamp(snapshot), out var error) ?? throw new InvalidOperationException(error);
}
