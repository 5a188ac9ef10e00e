using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.IntegrationTests.DataPlane;

/// <summary>
/// Data-plane node processes (src/DataPlane's build output) sharing rate limits in one Redis, each serving the same
/// snapshot from its data directory (one tenant, team and key with the given limits, and a mock model) without a
/// control plane. Disposing stops them.
/// </summary>
public sealed class LimitNodes : IAsyncDisposable
{
    public const string Model = "gpt-mock";
    private const string NodeSecret = "limits-test-node-secret-0123456789-abcdef";

    private readonly List<Process> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("switchyard-limits-").FullName;

    private LimitNodes(string key) => Key = key;

    public string Key { get; }

    /// <summary>The key's id (names its counters).</summary>
    public Guid KeyId { get; private set; }

    /// <summary>The nodes' <c>RateLimiting:KeyPrefix</c>.</summary>
    public string Prefix { get; private set; } = "";

    public IReadOnlyList<HttpClient> Clients { get; private set; } = [];

    /// <summary>The first answer of a load that was neither a success nor 429, with its body (for assertion messages).</summary>
    public string? FirstUnexpectedAnswer { get; private set; }

    /// <param name="keyBudget">The key's budget (the mock deployment then needs <paramref name="price"/>).</param>
    public static async Task<LimitNodes> StartAsync(
        int count, string redis, RateLimits? keyLimits, int redisTimeoutMilliseconds = 100, Budget? keyBudget = null, DeploymentPrice? price = null)
    {
        var key = VirtualKeyHash.Generate();
        var nodes = new LimitNodes(key);
        var snapshot = Snapshot(key, keyLimits, keyBudget, price);
        nodes.KeyId = snapshot.Keys[0].Id;
        var prefix = $"sy:test:{Guid.NewGuid():N}:";
        nodes.Prefix = prefix;
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            var data = Path.Combine(nodes._directory, "node" + i);
            Directory.CreateDirectory(data);
            await File.WriteAllBytesAsync(Path.Combine(data, "snapshot.json"), JsonSerializer.SerializeToUtf8Bytes(snapshot, SwitchyardJson.Options));
            var port = FreePort();
            nodes.Start(data, port, new Dictionary<string, string>
            {
                ["DataPlane__NodeId"] = "limits-node-" + i,
                ["DataPlane__ControlPlaneUrl"] = "http://127.0.0.1:" + FreePort(),
                ["DataPlane__NodeSecret"] = NodeSecret,
                ["DataPlane__Audit__SpoolKey"] = "c3dpdGNoeWFyZC10ZXN0LXNwb29sLWtleS0zMmJ5dGU=",
                ["DataPlane__DataDirectory"] = data,
                ["DataPlane__RevisionPollSeconds"] = "3600",
                ["Messaging__Transport"] = "InMemory",
                ["RateLimiting__Store"] = "Redis",
                ["RateLimiting__Redis"] = redis,
                ["RateLimiting__KeyPrefix"] = prefix,
                ["RateLimiting__HeartbeatSeconds"] = "0.5",
                ["RateLimiting__RedisTimeoutMilliseconds"] = redisTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimiting__BreakerOpenSeconds"] = "1",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port,
            });
            clients.Add(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + port), Timeout = TimeSpan.FromSeconds(30) });
        }

        nodes.Clients = clients;
        return nodes;
    }

    /// <summary>Waits until every node answers and its limit store reports <paramref name="expected"/> (e.g. "by 4 node(s)").</summary>
    public async Task WaitForStoreAsync(string expected)
    {
        foreach (var client in Clients)
        {
            string? last = null;
            for (var attempt = 0; attempt < 600; attempt++)
            {
                last = await StoreHealthAsync(client);
                if (last?.Contains(expected, StringComparison.Ordinal) == true)
                {
                    break;
                }

                await Task.Delay(100);
            }

            Assert.True(last?.Contains(expected, StringComparison.Ordinal) == true, $"{client.BaseAddress}: limit store said '{last}', expected '{expected}'.");
        }
    }

    /// <summary>The status and description of the node's limit-store health check ("Degraded: …"), null while it does not answer.</summary>
    public static async Task<string?> StoreHealthAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/readyz");
            var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("dataplane-rate-limit-store");
            return check.GetProperty("status").GetString() + ": " + check.GetProperty("description").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="requests"/> chat requests round-robin over the nodes, <paramref name="parallel"/> at a time; returns each status.</summary>
    public async Task<HttpStatusCode[]> LoadAsync(int requests, int parallel = 32, int? maxTokens = null) =>
        [.. (await LoadWithUsageAsync(requests, parallel, maxTokens)).Select(r => r.Status)];

    /// <summary>As <see cref="LoadAsync"/>, with each admitted answer's <c>usage.total_tokens</c> (0 for a refusal).</summary>
    public async Task<(HttpStatusCode Status, long Tokens)[]> LoadWithUsageAsync(int requests, int parallel = 32, int? maxTokens = null)
    {
        var max = maxTokens is { } m ? $",\"max_tokens\":{m}" : "";
        var statuses = new (HttpStatusCode Status, long Tokens)[requests];
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent($$"""{"model":"{{Model}}"{{max}},"messages":[{"role":"user","content":"hi {{i}}"}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            using var response = await Clients[i % Clients.Count].SendAsync(request, cancellationToken);
            var tokens = 0L;
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                tokens = body.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64();
            }
            else if (response.StatusCode != HttpStatusCode.TooManyRequests && FirstUnexpectedAnswer is null)
            {
                FirstUnexpectedAnswer = $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }

            statuses[i] = (response.StatusCode, tokens);
        });
        return statuses;
    }

    /// <summary>The errors the nodes logged ("fail:"/"crit:" entries with their next lines, health checks left out), for assertion messages.</summary>
    public string LoggedFailures()
    {
        var failures = new System.Text.StringBuilder();
        foreach (var log in Directory.EnumerateFiles(_directory, "node-*.log", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n');

            for (var i = 0; i < lines.Length && failures.Length < 20_000; i++)
            {
                if ((lines[i].StartsWith("fail:", StringComparison.Ordinal) && !lines[i].Contains("HealthChecks", StringComparison.Ordinal))
                    || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                {
                    failures.AppendLine(Path.GetFileName(log) + ": " + string.Join('\n', lines.Skip(i).Take(12)));
                }
            }
        }

        return failures.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            if (Environment.GetEnvironmentVariable("SWITCHYARD_KEEP_NODE_LOGS") is null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Start(string data, int port, Dictionary<string, string> environment)
    {
        var dll = DataPlaneAssembly();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(Path.Combine(data, $"node-{port}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static string DataPlaneAssembly()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found"),
            "src", "DataPlane", "bin", configuration, "net10.0", "Switchyard.DataPlane.dll");
    }

    private static ConfigSnapshot Snapshot(string key, RateLimits? keyLimits, Budget? keyBudget, DeploymentPrice? price)
    {
        var tenant = Guid.CreateVersion7();
        var team = Guid.CreateVersion7();
        var snapshot = new ConfigSnapshot
        {
            Revision = 1,
            CreatedAt = DateTimeOffset.UtcNow,
            Tenants = [new TenantSnapshot(tenant, "limits", true)],
            Teams = [new TeamSnapshot(team, tenant, "load")],
            Keys = [new KeySnapshot(Guid.CreateVersion7(), VirtualKeyHash.Compute(key), VirtualKeyHash.DisplayPrefix(key), tenant, team, [], KeyStatus.Active, null, keyLimits, Budget: keyBudget)],
            Routes =
            [
                new RouteSnapshot(Guid.CreateVersion7(), tenant, Model, RoutingStrategies.Weighted,
                    [new DeploymentSnapshot(Guid.CreateVersion7(), ProviderKinds.Mock, "mock-1", null, null, 1, new Dictionary<string, string>()) { Price = price }]),
            ],
        };
        return snapshot with { Hash = ConfigSnapshotHash.Compute(snapshot) };
    }
}
