namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// The distributed mode as separate processes: one control plane on PostgreSQL + RabbitMQ and any number of
/// data-plane nodes, each on its own loopback port and data directory. Processes can be killed and restarted.
/// </summary>
public sealed class DistributedTopology : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "switchyard-dist-" + Guid.NewGuid().ToString("N"));
    private readonly string _nodeSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string _adminKey = AdminApi.NewAdminKey();
    private readonly string _database = "sy_" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _controlPlanePort = FreePort.Next();
    private readonly Dictionary<int, (PlatformProcess Process, int Port)> _nodes = [];

    public PlatformProcess? ControlPlane { get; private set; }

    public string ControlPlaneUrl => $"http://127.0.0.1:{_controlPlanePort}";

    /// <summary>The control plane's PostgreSQL database, for tests that write past the admin API.</summary>
    public string DatabaseConnectionString => TestServices.PostgresDatabase(_database);

    public AdminApi Admin { get; private set; } = null!;

    public string NodeUrl(int node) => $"http://127.0.0.1:{_nodes[node].Port}";

    public PlatformProcess Node(int node) => _nodes[node].Process;

    public async Task StartControlPlaneAsync()
    {
        var environment = TestServices.RabbitEnvironment();
        environment["ASPNETCORE_URLS"] = ControlPlaneUrl;
        environment["Database__Provider"] = "Postgres";
        environment["ConnectionStrings__ControlPlane"] = TestServices.PostgresDatabase(_database);
        environment["Jobs__Storage"] = "Postgres";
        environment["ControlPlane__NodeSecret"] = _nodeSecret;
        environment["DataProtection__KeyEncryptionKeyFile"] = KeyRingKeyFile();
        environment["SWITCHYARD_ADMIN_KEY"] = _adminKey;
        ControlPlane = PlatformProcess.Start("ControlPlane", environment);
        await ControlPlane.WaitUntilReadyAsync(ControlPlaneUrl + "/readyz", TimeSpan.FromSeconds(90));
        Admin ??= new AdminApi(ControlPlaneUrl, _adminKey);
    }

    public void KillControlPlane() => ControlPlane?.Kill();

    /// <summary>The key-encryption key of the control plane's key ring (required with PostgreSQL), created 0600 once per topology.</summary>
    private string KeyRingKeyFile()
    {
        var path = Path.Combine(_root, "keyring.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(_root);
            File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return path;
    }

    /// <summary>Starts node <paramref name="node"/> (again, on the same port and data directory if it ran before).</summary>
    public async Task StartNodeAsync(int node, IReadOnlyDictionary<string, string>? settings = null, bool waitReady = true)
    {
        var port = _nodes.TryGetValue(node, out var existing) ? existing.Port : FreePort.Next();
        var environment = TestServices.RabbitEnvironment();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["DataPlane__NodeId"] = $"node-{node}";
        environment["DataPlane__ControlPlaneUrl"] = ControlPlaneUrl;
        environment["DataPlane__NodeSecret"] = _nodeSecret;
        environment["DataPlane__Audit__SpoolKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        environment["DataPlane__DataDirectory"] = Path.Combine(_root, $"node-{node}");
        environment["DataPlane__RevisionPollSeconds"] = "1";
        environment["DataPlane__Usage__FlushIntervalMs"] = "200";
        // Rate limits shared in the test Redis, as in production; the prefix keeps each topology's counters apart.
        environment["RateLimiting__Store"] = "Redis";
        environment["RateLimiting__Redis"] = TestServices.Redis;
        environment["RateLimiting__KeyPrefix"] = $"sy:{_database}:";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = PlatformProcess.Start("DataPlane", environment, $"node-{node}");
        _nodes[node] = (process, port);
        if (waitReady)
        {
            await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", TimeSpan.FromSeconds(60));
        }
    }

    public void KillNode(int node) => _nodes[node].Process.Kill();

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _nodes.Values)
        {
            await process.DisposeAsync();
        }

        if (ControlPlane is not null)
        {
            await ControlPlane.DisposeAsync();
        }

        Admin?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
