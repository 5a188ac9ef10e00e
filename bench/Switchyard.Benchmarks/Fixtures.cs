using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults.Telemetry;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.Benchmarks;

/// <summary>Deterministic inputs shared by the benchmarks.</summary>
internal static class Fixtures
{
    public const string NodeSecret = "bench-node-secret-0123456789abcdef0123456789abcdef";

    /// <summary>A typical ~1.5 KB chat completions body: system prompt, a short multi-turn history, one tool, sampling options.</summary>
    public static readonly string ChatBodyJson = """
        {
          "model": "gpt-4o-mini",
          "messages": [
            {"role": "system", "content": "You are a concise assistant for the Acme support team. Answer in at most three sentences, cite the knowledge-base article id when you use one, and never invent order numbers."},
            {"role": "user", "content": "Hi, my order 48213 has not arrived yet. It was supposed to be delivered on Monday. Can you check what is going on?"},
            {"role": "assistant", "content": "I am sorry about the delay. Let me look up order 48213 for you and check the latest carrier status."},
            {"role": "user", "content": "Thanks. Also, if it is lost, can I get a refund instead of a replacement? I would prefer the money back."}
          ],
          "tools": [
            {
              "type": "function",
              "function": {
                "name": "get_order_status",
                "description": "Look up the shipping status of an order by its number.",
                "parameters": {
                  "type": "object",
                  "properties": {
                    "order_id": {"type": "string", "description": "The order number, e.g. 48213"},
                    "include_history": {"type": "boolean", "description": "Whether to include every carrier scan"}
                  },
                  "required": ["order_id"]
                }
              }
            }
          ],
          "tool_choice": "auto",
          "temperature": 0.2,
          "top_p": 1,
          "max_completion_tokens": 400,
          "user": "team-support-7f3a",
          "metadata": {"ticket": "SUP-20931", "channel": "web"},
          "stream": false
        }
        """;

    /// <summary>The same body as a streaming request (stream: true, no stream_options).</summary>
    public static readonly string ChatBodyStreamJson = ChatBodyJson.Replace("\"stream\": false", "\"stream\": true", StringComparison.Ordinal);

    public static byte[] ChatBody => Encoding.UTF8.GetBytes(ChatBodyJson);

    public static byte[] ChatBodyStream => Encoding.UTF8.GetBytes(ChatBodyStreamJson);

    /// <summary>The recorded OpenAI stream (13 events: role, 10 content deltas, stop, usage-only chunk, [DONE]).</summary>
    public static byte[] OpenAIStream => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "openai-chat-stream.sse"));

    /// <summary>
    /// A longer answer in the same wire shape: the fixture's role chunk, <paramref name="contentChunks"/> content deltas
    /// cloned from the fixture's, then its stop chunk, usage chunk and [DONE].
    /// </summary>
    public static byte[] LongOpenAIStream(int contentChunks)
    {
        var text = Encoding.UTF8.GetString(OpenAIStream);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var content = events.Where(e => e.Contains("\"delta\":{\"content\":", StringComparison.Ordinal)).ToArray();
        var builder = new StringBuilder();
        builder.Append(events[0]).Append("\n\n");
        for (var i = 0; i < contentChunks; i++)
        {
            builder.Append(content[i % content.Length]).Append("\n\n");
        }

        foreach (var tail in events[^3..])
        {
            builder.Append(tail).Append("\n\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Plain virtual key number <paramref name="i"/> (deterministic, same shape as a generated one).</summary>
    public static string Key(int i) => VirtualKeyHash.Prefix + Convert.ToBase64String(Guid(0x4B, i).ToByteArray()).TrimEnd('=') + $"{i:D11}bench";

    /// <summary>
    /// A snapshot at architecture target scale: <paramref name="tenants"/> tenants, one team each, <paramref name="keys"/>
    /// keys spread evenly, and per tenant a mock route and an OpenAI-compatible route with its own sealed credential.
    /// </summary>
    public static ConfigSnapshot Snapshot(int tenants, int keys, long revision = 1)
    {
        var sealer = new SecretSealer(NodeSecret);
        var tenantList = new TenantSnapshot[tenants];
        var teams = new TeamSnapshot[tenants];
        var routes = new RouteSnapshot[tenants * 2];
        var credentials = new CredentialSnapshot[tenants];
        var noSettings = new Dictionary<string, string>();
        for (var t = 0; t < tenants; t++)
        {
            var tenantId = Guid(0x7E, t);
            tenantList[t] = new TenantSnapshot(tenantId, $"tenant-{t}", Active: true);
            teams[t] = new TeamSnapshot(Guid(0x7A, t), tenantId, "default");
            credentials[t] = new CredentialSnapshot(Guid(0xC2, t), tenantId, ProviderKinds.OpenAI, sealer.Seal($"sk-upstream-{t:D8}-0123456789abcdef"));
            routes[2 * t] = new RouteSnapshot(Guid(0x20, t), tenantId, "mock-gpt", WeightedRoutingPolicy.PolicyName,
                [new DeploymentSnapshot(Guid(0xD0, t), ProviderKinds.Mock, "mock-gpt", null, null, 1, noSettings)]);
            routes[(2 * t) + 1] = new RouteSnapshot(Guid(0x21, t), tenantId, "gpt-4o-mini", WeightedRoutingPolicy.PolicyName,
                [
                    new DeploymentSnapshot(Guid(0xD1, t), ProviderKinds.OpenAI, "gpt-4o-mini-2024-07-18", "https://api.openai.com/v1", credentials[t].Id, 3, noSettings),
                    new DeploymentSnapshot(Guid(0xD2, t), ProviderKinds.Mock, "gpt-4o-mini", null, null, 1, noSettings),
                ]);
        }

        var keyList = new KeySnapshot[keys];
        for (var k = 0; k < keys; k++)
        {
            var t = k % tenants;
            var plain = Key(k);
            IReadOnlyList<string> allowed = k % 4 == 0 ? ["gpt-4o-mini"] : [];
            keyList[k] = new KeySnapshot(Guid(0x4B, k), VirtualKeyHash.Compute(plain), VirtualKeyHash.DisplayPrefix(plain),
                tenantList[t].Id, teams[t].Id, allowed, KeyStatus.Active, null);
        }

        var snapshot = new ConfigSnapshot
        {
            Revision = revision,
            CreatedAt = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            Tenants = tenantList,
            Teams = teams,
            Keys = keyList,
            Routes = routes,
            Credentials = credentials,
        };
        return snapshot with { Hash = ConfigSnapshotHash.Compute(snapshot) };
    }

    public static SnapshotCompiler Compiler() =>
        new(new SecretSealer(NodeSecret));

    /// <summary>The node's metrics over <paramref name="services"/>' meter factory (<c>AddMetrics()</c>) and <paramref name="store"/>.</summary>
    public static GatewayMetrics Metrics(IServiceProvider services, SnapshotStore store, bool tenantLabels = false) => new(
        services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Options.Create(new TelemetryOptions { TenantLabels = tenantLabels }),
        TimeProvider.System, new NodeDrain(), store, new DeploymentHealthRegistry(), new UsageQueue(1000),
        new DataPaths(Path.Combine(Path.GetTempPath(), "switchyard-bench-telemetry")));

    public static SnapshotStore LoadedStore(int tenants, int keys)
    {
        var store = new SnapshotStore(Compiler());
        var result = store.Apply(Snapshot(tenants, keys));
        if (!result.Applied)
        {
            throw new InvalidOperationException($"Fixture snapshot rejected: {result.Error}");
        }

        return store;
    }

    private static Guid Guid(byte kind, int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes[0] = kind;
        BitConverter.TryWriteBytes(bytes[12..], i);
        return new Guid(bytes);
    }
}
