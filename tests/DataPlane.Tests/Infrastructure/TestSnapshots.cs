using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>A small, valid config snapshot for tests: one tenant, keys in every state, and one route per scenario.</summary>
internal static class TestSnapshots
{
    public const string NodeSecret = "test-node-secret-0123456789-abcdefghijklmnop";
    public const string UpstreamSecret = "sk-upstream-provider-secret";
    public const string Key = "sk-sy-activeKeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public const string RestrictedKey = "sk-sy-restrictedKeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    public const string RevokedKey = "sk-sy-revokedKeyCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
    public const string ExpiredKey = "sk-sy-expiredKeyDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD";
    public const string InactiveTenantKey = "sk-sy-inactiveTenantEEEEEEEEEEEEEEEEEEEEEEEEEEEEE";

    public static readonly Guid TenantId = Guid.Parse("0198a000-0000-7000-8000-000000000001");
    public static readonly Guid InactiveTenantId = Guid.Parse("0198a000-0000-7000-8000-000000000002");
    public static readonly Guid TeamId = Guid.Parse("0198a000-0000-7000-8000-000000000010");
    public static readonly Guid CredentialId = Guid.Parse("0198a000-0000-7000-8000-000000000020");
    public static readonly Guid KeyId = Guid.Parse("0198a000-0000-7000-8000-000000000030");
    public static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Scenarios routed to the OpenAI-compatible upstream; public model = name, upstream model = "up-" + name.</summary>
    public static readonly string[] UpstreamScenarios = ["basic", "stream", "slow", "ratelimit", "hang", "servererror", "plainerror", "plaintext", "redirect", "headers"];

    public static ConfigSnapshot Build(long revision, string upstreamBaseUrl, string downBaseUrl = "http://127.0.0.1:9/v1", Dictionary<string, string>? mockSettings = null)
    {
        var sealer = new SecretSealer(NodeSecret);
        var routes = UpstreamScenarios.Select(name => Route(name, ProviderKinds.OpenAI, "up-" + name, upstreamBaseUrl, CredentialId)).ToList();
        routes.Add(Route("down", ProviderKinds.OpenAI, "up-down", downBaseUrl, CredentialId));
        routes.Add(Route("gpt-mock", ProviderKinds.Mock, "mock-1", null, null, mockSettings));
        var snapshot = new ConfigSnapshot
        {
            Revision = revision,
            CreatedAt = Now,
            Tenants = [new TenantSnapshot(TenantId, "Acme", true), new TenantSnapshot(InactiveTenantId, "Gone", false)],
            Teams = [new TeamSnapshot(TeamId, TenantId, "Platform")],
            Keys =
            [
                KeyOf(KeyId, Key, TenantId, [], KeyStatus.Active, null),
                KeyOf(Guid.CreateVersion7(), RestrictedKey, TenantId, ["gpt-mock"], KeyStatus.Active, null),
                KeyOf(Guid.CreateVersion7(), RevokedKey, TenantId, [], KeyStatus.Revoked, null),
                KeyOf(Guid.CreateVersion7(), ExpiredKey, TenantId, [], KeyStatus.Active, Now.AddDays(-1)),
                KeyOf(Guid.CreateVersion7(), InactiveTenantKey, InactiveTenantId, [], KeyStatus.Active, null),
            ],
            Routes = routes,
            Credentials = [new CredentialSnapshot(CredentialId, TenantId, ProviderKinds.OpenAI, sealer.Seal(UpstreamSecret))],
        };
        return Stamp(snapshot);
    }

    /// <summary>
    /// Adds a route (public model → one deployment) and, when <paramref name="secret"/> is given, a credential for it.
    /// Chain calls inside <see cref="DataPlaneTestHost.StartAsync"/>'s customize callback.
    /// </summary>
    public static ConfigSnapshot AddRoute(this ConfigSnapshot snapshot, string publicModel, string kind, string upstreamModel, string? baseUrl,
        string? secret = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var credentials = snapshot.Credentials.ToList();
        Guid? credentialId = null;
        if (secret is not null)
        {
            credentialId = Guid.CreateVersion7();
            credentials.Add(new CredentialSnapshot(credentialId.Value, TenantId, kind, new SecretSealer(NodeSecret).Seal(secret)));
        }

        var route = new RouteSnapshot(Guid.CreateVersion7(), TenantId, publicModel, "weighted",
            [new DeploymentSnapshot(Guid.CreateVersion7(), kind, upstreamModel, baseUrl, credentialId, 1, settings ?? new Dictionary<string, string>())]);
        return snapshot with { Routes = [.. snapshot.Routes, route], Credentials = credentials };
    }

    public static ConfigSnapshot Stamp(ConfigSnapshot snapshot) => snapshot with { Hash = ConfigSnapshotHash.Compute(snapshot) };

    private static KeySnapshot KeyOf(Guid id, string key, Guid tenantId, string[] allowed, KeyStatus status, DateTimeOffset? expires) =>
        new(id, VirtualKeyHash.Compute(key), VirtualKeyHash.DisplayPrefix(key), tenantId, TeamId, allowed, status, expires);

    private static RouteSnapshot Route(string model, string kind, string upstreamModel, string? baseUrl, Guid? credential, Dictionary<string, string>? settings = null) =>
        new(Guid.CreateVersion7(), TenantId, model, "weighted",
            [new DeploymentSnapshot(Guid.CreateVersion7(), kind, upstreamModel, baseUrl, credential, 1, settings ?? [])]);
}
