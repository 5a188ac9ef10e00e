using System.Net.Http.Headers;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;
using Switchyard.Shared.Keys;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Guardrails;

/// <summary>
/// A running node whose standard tenant (A) and a second tenant (B) each route "echo" (and "embed") to the fake OpenAI
/// upstream, which records what it received and answers "Hello from openai! You said: &lt;last user text&gt;" (streamed
/// word by word). Tests give each tenant its policies.
/// </summary>
internal static class GuardedNode
{
    public const string KeyB = "sk-sy-tenantBKeyFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    public static readonly Guid TenantB = Guid.Parse("0198a000-0000-7000-8000-0000000000b1");
    public static readonly Guid TeamB = Guid.Parse("0198a000-0000-7000-8000-0000000000b2");
    public static readonly Guid KeyBId = Guid.Parse("0198a000-0000-7000-8000-0000000000b3");

    public static Task<DataPlaneTestHost> StartAsync(
        PolicySnapshot? tenantA = null, PolicySnapshot? tenantB = null, string? useCase = null, IReadOnlyList<PolicySnapshot>? extra = null,
        IReadOnlyDictionary<string, string?>? settings = null, AuditSettings? audit = null) =>
        DataPlaneTestHost.StartAsync(settings: settings, customize: s =>
        {
            // The standard routes point at {upstream}/v1; the fake OpenAI (which echoes) lives at {upstream}/openai/v1.
            var root = s.Routes.First(r => r.PublicModel == "basic").Deployments[0].BaseUrl![..^"/v1".Length];
            var snapshot = s.AddRoute("echo", ProviderKinds.OpenAI, "gpt-echo", root + "/openai/v1", OpenAIKey)
                .AddRoute("embed", ProviderKinds.OpenAI, "text-embed", root + "/openai/v1", OpenAIKey);
            var echo = snapshot.Routes.Single(r => r.PublicModel == "echo");
            var credential = snapshot.Credentials.Single(c => c.Id == echo.Deployments[0].CredentialId);
            var credentialB = credential with { Id = Guid.CreateVersion7(), TenantId = TenantB };
            var routeB = echo with
            {
                Id = Guid.CreateVersion7(),
                TenantId = TenantB,
                Deployments = [echo.Deployments[0] with { Id = Guid.CreateVersion7(), CredentialId = credentialB.Id }],
            };
            var policies = new[] { tenantA, tenantB }.OfType<PolicySnapshot>().Concat(extra ?? []).Select(p => Resolve(p, root, credential.Id)).ToArray();
            return snapshot with
            {
                Tenants =
                [
                    .. snapshot.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { DefaultPolicyId = tenantA?.Id, Audit = audit } : t),
                    new TenantSnapshot(TenantB, "Beta", true, DefaultPolicyId: tenantB?.Id),
                ],
                Teams = [.. snapshot.Teams, new TeamSnapshot(TeamB, TenantB, "Beta team")],
                Keys =
                [
                    .. snapshot.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { UseCase = useCase } : k),
                    new KeySnapshot(KeyBId, VirtualKeyHash.Compute(KeyB), VirtualKeyHash.DisplayPrefix(KeyB), TenantB, TeamB, [], KeyStatus.Active, null),
                ],
                Routes = [.. snapshot.Routes, routeB],
                Credentials = [.. snapshot.Credentials, credentialB],
                Policies = policies.Length == 0 ? null : policies,
            };
        });

    /// <summary>Stands for the fake upstream's address in a guardrail's url (the upstream's port is known only once it runs).</summary>
    public const string UpstreamPlaceholder = "http://upstream.invalid";

    /// <summary>Stands for tenant A's credential of the <c>echo</c> route (the fake OpenAI's key) in a guardrail's credentialId.</summary>
    public static readonly Guid EchoCredential = Guid.Parse("0198a000-0000-7000-8000-0000000000c1");

    private static PolicySnapshot Resolve(PolicySnapshot policy, string upstream, Guid echoCredential) => policy with
    {
        Guardrails = [.. policy.Guardrails.Select(g => g with
        {
            Url = g.Url?.Replace(UpstreamPlaceholder, upstream, StringComparison.Ordinal),
            CredentialId = g.CredentialId == EchoCredential ? echoCredential : g.CredentialId,
        })],
    };

    /// <summary>The fake OpenAI's key (<see cref="FakeUpstream.OpenAIKey"/>'s default).</summary>
    public const string OpenAIKey = "sk-fake-openai-key";

    /// <summary>What the upstream received on its OpenAI chat and embeddings endpoints.</summary>
    public static IReadOnlyList<RecordedRequest> Received(DataPlaneTestHost host) =>
        [.. host.Upstream.Requests.Where(r => r.Path.StartsWith("/openai/", StringComparison.Ordinal))];

    public static PolicySnapshot Policy(string name, Guid tenantId, DlpRule[]? dlp = null, GuardrailRule[]? guardrails = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? useCases = null) =>
        new(Guid.CreateVersion7(), tenantId, name, dlp ?? [], guardrails ?? [], useCases);

    public static HttpRequestMessage Chat(string json, string key = TestSnapshots.Key) => Post("/v1/chat/completions", json, key);

    public static HttpRequestMessage Messages(string json, string key = TestSnapshots.Key)
    {
        var request = Post("/v1/messages", json, key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    public static HttpRequestMessage Post(string path, string json, string key = TestSnapshots.Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
