using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Configuration;

public class SnapshotStoreTests
{
    private const string Upstream = "http://127.0.0.1:1/v1";

    internal static SnapshotStore CreateStore(string nodeSecret = TestSnapshots.NodeSecret) =>
        new(new SnapshotCompiler(new SecretSealer(nodeSecret)));

    [Fact]
    public void Apply_ValidSnapshot_SwapsAndUnsealsCredentials()
    {
        var store = CreateStore();

        var result = store.Apply(TestSnapshots.Build(1, Upstream));

        Assert.Equal(SnapshotApplyStatus.Applied, result.Status);
        Assert.Equal(1, store.Revision);
        var route = store.Current!.FindRoute(TestSnapshots.TenantId, "basic");
        Assert.Equal(TestSnapshots.UpstreamSecret, route!.Deployments[0].Secret);
        Assert.True(store.Current.KeysByHash.ContainsKey(VirtualKeyHash.Compute(TestSnapshots.Key)));
    }

    [Fact]
    public void Apply_NewerRevision_ReplacesSnapshot()
    {
        var store = CreateStore();
        store.Apply(TestSnapshots.Build(1, Upstream));
        var first = store.Current;

        Assert.True(store.Apply(TestSnapshots.Build(2, Upstream)).Applied);

        Assert.NotSame(first, store.Current);
        Assert.Equal(2, store.Revision);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Apply_StaleRevision_IsIgnored(long revision)
    {
        var store = CreateStore();
        store.Apply(TestSnapshots.Build(2, Upstream));
        var current = store.Current;

        var result = store.Apply(TestSnapshots.Build(revision, Upstream));

        Assert.Equal(SnapshotApplyStatus.Stale, result.Status);
        Assert.Same(current, store.Current);
    }

    [Fact]
    public void Apply_HashMismatch_KeepsPreviousSnapshot()
    {
        var store = CreateStore();
        store.Apply(TestSnapshots.Build(1, Upstream));

        var tampered = TestSnapshots.Build(2, Upstream) with { Tenants = [] };
        var result = store.Apply(tampered);

        Assert.Equal(SnapshotApplyStatus.Invalid, result.Status);
        Assert.Contains("Hash mismatch", result.Error);
        Assert.Equal(1, store.Revision);
    }

    [Fact]
    public void Apply_UnknownProviderKind_AppliesWithThatRouteUnavailable()
    {
        var store = CreateStore();
        store.Apply(TestSnapshots.Build(1, Upstream));
        var snapshot = TestSnapshots.Build(2, Upstream);
        var bad = snapshot.Routes[0] with { Deployments = [snapshot.Routes[0].Deployments[0] with { ProviderKind = "carrier-pigeon" }] };

        var result = store.Apply(TestSnapshots.Stamp(snapshot with { Routes = [bad, .. snapshot.Routes.Skip(1)] }));

        Assert.Equal(SnapshotApplyStatus.Applied, result.Status);
        Assert.Equal(2, store.Revision);
        Assert.Contains("deployments[0].providerKind", store.Current!.FindRoute(TestSnapshots.TenantId, bad.PublicModel)!.UnavailableReason);
        Assert.Null(store.Current.FindRoute(TestSnapshots.TenantId, "gpt-mock")!.UnavailableReason);
        Assert.Equal([RejectedConfigItem.Deployment, RejectedConfigItem.Route], result.Rejected.Select(r => r.Kind));
    }

    [Fact]
    public void Apply_ZeroWeight_RouteUnavailableNamingWeight()
    {
        var store = CreateStore();
        var snapshot = TestSnapshots.Build(1, Upstream);
        var bad = snapshot.Routes[0] with { Deployments = [snapshot.Routes[0].Deployments[0] with { Weight = 0 }] };

        var result = store.Apply(TestSnapshots.Stamp(snapshot with { Routes = [bad, .. snapshot.Routes.Skip(1)] }));

        Assert.True(result.Applied);
        Assert.Contains("deployments[0].weight", store.Current!.FindRoute(TestSnapshots.TenantId, bad.PublicModel)!.UnavailableReason);
    }

    [Fact]
    public void Apply_MissingCredential_RoutesNeedingItUnavailableOthersServed()
    {
        var store = CreateStore();
        store.Apply(TestSnapshots.Build(1, Upstream));

        var result = store.Apply(TestSnapshots.Stamp(TestSnapshots.Build(2, Upstream) with { Credentials = [] }));

        Assert.True(result.Applied);
        Assert.Contains("credentialId", store.Current!.FindRoute(TestSnapshots.TenantId, "basic")!.UnavailableReason);
        Assert.NotEmpty(store.Current.FindRoute(TestSnapshots.TenantId, "gpt-mock")!.Deployments);
    }

    [Fact]
    public void Apply_CredentialSealedWithAnotherSecret_CredentialLeftOutAndReported()
    {
        var store = CreateStore("a-completely-different-node-secret-of-enough-length");

        var result = store.Apply(TestSnapshots.Build(1, Upstream));

        Assert.True(result.Applied);
        var credential = Assert.Single(result.Rejected, r => r.Kind == RejectedConfigItem.Credential);
        Assert.Equal(TestSnapshots.CredentialId, credential.Id);
        Assert.Contains("cannot be unsealed", credential.Reason);
        Assert.NotNull(store.Current!.FindRoute(TestSnapshots.TenantId, "basic")!.UnavailableReason);
        Assert.Null(store.Current.FindRoute(TestSnapshots.TenantId, "gpt-mock")!.UnavailableReason);
    }

    [Fact]
    public void Apply_DuplicateRoute_FirstServedSecondReported()
    {
        var store = CreateStore();
        var snapshot = TestSnapshots.Build(1, Upstream);
        var duplicate = snapshot.Routes[0] with { Id = Guid.NewGuid() };

        var result = store.Apply(TestSnapshots.Stamp(snapshot with { Routes = [.. snapshot.Routes, duplicate] }));

        Assert.True(result.Applied);
        Assert.Equal(snapshot.Routes[0].Id, store.Current!.FindRoute(TestSnapshots.TenantId, duplicate.PublicModel)!.Id);
        var reported = Assert.Single(result.Rejected);
        Assert.Equal((RejectedConfigItem.Route, duplicate.Id), (reported.Kind, reported.Id));
    }

    [Fact]
    public void Apply_WrongSchemaVersion_IsInvalid()
    {
        var store = CreateStore();

        var result = store.Apply(TestSnapshots.Stamp(TestSnapshots.Build(1, Upstream) with { SchemaVersion = 99 }));

        Assert.Equal(SnapshotApplyStatus.Invalid, result.Status);
        Assert.Null(store.Current);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/v1?api-version=x")]
    [InlineData("http://127.0.0.1:1/v1#")]
    [InlineData("http://user:secret@127.0.0.1:1/v1")]
    [InlineData("ftp://127.0.0.1:1/v1")]
    [InlineData("/v1")]
    public void Apply_UnusableBaseUrl_RouteIsNotServed(string baseUrl)
    {
        // The node re-checks the base URL rule the control plane applies at save (Shared's UpstreamBaseUrl): the
        // deployment is left out, so its route stays only as unavailable (503 route_unavailable).
        var store = CreateStore();

        store.Apply(TestSnapshots.Build(1, baseUrl));

        var route = store.Current!.FindRoute(TestSnapshots.TenantId, "basic");
        Assert.Empty(route!.Deployments);
        Assert.Contains("baseUrl", route.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SnapshotWithEgressAllowList_ExposesIt()
    {
        var store = CreateStore();
        var snapshot = TestSnapshots.Build(1, Upstream) with { Egress = new EgressSnapshot(["vllm.internal"], ["10.0.0.0/8", "not-a-network"]) };

        Assert.True(store.Apply(TestSnapshots.Stamp(snapshot)).Applied);

        Assert.Equal(["vllm.internal"], store.Current!.Egress.Hosts);
        Assert.Equal(["10.0.0.0/8"], store.Current.Egress.Networks);
    }
}
