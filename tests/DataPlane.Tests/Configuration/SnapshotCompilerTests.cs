using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Configuration;

/// <summary>One tenant's item the node cannot accept is left out; everything else in the snapshot is served.</summary>
public class SnapshotCompilerTests
{
    private const string Upstream = "http://127.0.0.1:1/v1";
    private const string KeyOfB = "sk-sy-tenantBKeyFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static readonly Guid TenantB = Guid.Parse("0198a000-0000-7000-8000-0000000000b0");

    private readonly SnapshotCompiler _compiler = new(new SecretSealer(TestSnapshots.NodeSecret));

    [Fact]
    public void Compile_RouteWithUnknownStrategy_RouteUnavailableRestServed()
    {
        var snapshot = WithTenantB(TestSnapshots.Build(1, Upstream));
        var broken = snapshot.Routes[0] with { Strategy = "fastest" };

        var compiled = Compile(snapshot with { Routes = [broken, .. snapshot.Routes.Skip(1)] });

        var route = compiled.FindRoute(TestSnapshots.TenantId, broken.PublicModel)!;
        Assert.Empty(route.Deployments);
        Assert.Contains("strategy", route.UnavailableReason);
        Assert.Null(compiled.FindRoute(TestSnapshots.TenantId, "gpt-mock")!.UnavailableReason);
        Assert.Null(compiled.FindRoute(TenantB, "b-model")!.UnavailableReason);
        Assert.True(compiled.KeysByHash.ContainsKey(VirtualKeyHash.Compute(KeyOfB)));
        var reported = Assert.Single(compiled.Rejected);
        Assert.Equal((RejectedConfigItem.Route, broken.Id, TestSnapshots.TenantId), (reported.Kind, reported.Id, reported.TenantId));
        Assert.Contains("strategy", reported.Reason);
    }

    [Fact]
    public void Compile_OneOfTwoDeploymentsWithUnknownSetting_RouteKeepsTheOther()
    {
        var snapshot = TestSnapshots.Build(1, Upstream);
        var good = snapshot.Routes[0].Deployments[0] with { Weight = 3 };
        var bad = good with { Id = Guid.CreateVersion7(), Settings = new Dictionary<string, string> { ["regoin"] = "us-east-1" } };
        var route = snapshot.Routes[0] with { Deployments = [bad, good] };

        var compiled = Compile(snapshot with { Routes = [route, .. snapshot.Routes.Skip(1)] });

        var runtime = compiled.FindRoute(TestSnapshots.TenantId, route.PublicModel)!;
        Assert.Null(runtime.UnavailableReason);
        Assert.Equal(good.Id, Assert.Single(runtime.Deployments).Id);
        Assert.Equal(3, runtime.TotalWeight);
        var reported = Assert.Single(compiled.Rejected);
        Assert.Equal((RejectedConfigItem.Deployment, bad.Id), (reported.Kind, reported.Id));
        Assert.Contains("deployments[0].settings.regoin", reported.Reason);
    }

    [Fact]
    public void Compile_DeploymentUsingAnotherTenantsCredential_LeftOut()
    {
        var snapshot = WithTenantB(TestSnapshots.Build(1, Upstream));
        var stolen = snapshot.Routes.Single(r => r.TenantId == TenantB) with
        {
            Deployments = [snapshot.Routes[0].Deployments[0]],
        };

        var compiled = Compile(snapshot with { Routes = [.. snapshot.Routes.Where(r => r.TenantId != TenantB), stolen] });

        Assert.Contains("credentialId", compiled.FindRoute(TenantB, stolen.PublicModel)!.UnavailableReason);
        Assert.Null(compiled.FindRoute(TestSnapshots.TenantId, "basic")!.UnavailableReason);
    }

    [Fact]
    public void Compile_CredentialOfWrongFormatForItsKind_LeftOutWithItsDeployments()
    {
        var snapshot = TestSnapshots.Build(1, Upstream).AddRoute("claude-bedrock", ProviderKinds.Bedrock, "anthropic.claude", null,
            secret: "not-an-aws-key", settings: new Dictionary<string, string> { ["region"] = "us-east-1" });

        var compiled = Compile(snapshot);

        Assert.Contains(compiled.Rejected, r => r.Kind == RejectedConfigItem.Credential && r.Reason.Contains("secret", StringComparison.Ordinal));
        Assert.NotNull(compiled.FindRoute(TestSnapshots.TenantId, "claude-bedrock")!.UnavailableReason);
        Assert.Null(compiled.FindRoute(TestSnapshots.TenantId, "basic")!.UnavailableReason);
    }

    [Fact]
    public void Compile_TwoKeysWithOneHash_BothLeftOutOthersKept()
    {
        var snapshot = TestSnapshots.Build(1, Upstream);
        var copy = snapshot.Keys[0] with { Id = Guid.CreateVersion7() };

        var compiled = Compile(snapshot with { Keys = [.. snapshot.Keys, copy] });

        Assert.False(compiled.KeysByHash.ContainsKey(copy.Hash));
        Assert.True(compiled.KeysByHash.ContainsKey(VirtualKeyHash.Compute(TestSnapshots.RestrictedKey)));
        Assert.Equal([snapshot.Keys[0].Id, copy.Id], compiled.Rejected.Where(r => r.Kind == RejectedConfigItem.Key).Select(r => r.Id));
    }

    [Fact]
    public void ForNode_ProviderKindWithoutProvider_RefusesToStart()
    {
        var kinds = ProviderKinds.All.Where(k => k != ProviderKinds.Bedrock).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() =>
            SnapshotCompiler.ForNode(new SecretSealer(TestSnapshots.NodeSecret), kinds, RoutingStrategies.All.ToArray()));

        Assert.Contains(ProviderKinds.Bedrock, error.Message, StringComparison.Ordinal);
    }

    private RuntimeSnapshot Compile(ConfigSnapshot snapshot) =>
        _compiler.Compile(TestSnapshots.Stamp(snapshot), out var error) ?? throw new InvalidOperationException(error);

    /// <summary>Adds tenant B with a team, a key and a route served by its own credential.</summary>
    private static ConfigSnapshot WithTenantB(ConfigSnapshot snapshot)
    {
        var sealer = new SecretSealer(TestSnapshots.NodeSecret);
        var team = Guid.CreateVersion7();
        var credential = new CredentialSnapshot(Guid.CreateVersion7(), TenantB, ProviderKinds.OpenAI, sealer.Seal("sk-tenant-b-secret"));
        var route = new RouteSnapshot(Guid.CreateVersion7(), TenantB, "b-model", RoutingStrategies.Weighted,
            [new DeploymentSnapshot(Guid.CreateVersion7(), ProviderKinds.OpenAI, "up-b", Upstream, credential.Id, 1, new Dictionary<string, string>())]);
        return snapshot with
        {
            Tenants = [.. snapshot.Tenants, new TenantSnapshot(TenantB, "B", true)],
            Teams = [.. snapshot.Teams, new TeamSnapshot(team, TenantB, "B team")],
            Keys = [.. snapshot.Keys, new KeySnapshot(Guid.CreateVersion7(), VirtualKeyHash.Compute(KeyOfB), VirtualKeyHash.DisplayPrefix(KeyOfB), TenantB, team, [], KeyStatus.Active, null)],
            Routes = [.. snapshot.Routes, route],
            Credentials = [.. snapshot.Credentials, credential],
        };
    }
}
