using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// A real Prometheus (the Debian package that ./test.sh installs; <c>SWITCHYARD_TEST_PROMETHEUS</c> names the binary) on a
/// free loopback port with its own data directory, scraping the given targets every second and loading Switchyard's alert
/// rules (<c>infra/observability/alerts.yml</c>). Queried through its HTTP API; stopped by PID.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly HttpClient _http;
    private readonly PlatformProcess _process;

    private PrometheusServer(string root, int port, PlatformProcess process)
    {
        _root = root;
        Url = $"http://127.0.0.1:{port}";
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Url { get; }

    public static string AlertRulesFile => Path.Combine(RepoPaths.Root, "infra", "observability", "alerts.yml");

    /// <summary>The prometheus binary (<c>SWITCHYARD_TEST_PROMETHEUS</c>, else /usr/bin/prometheus).</summary>
    public static string Binary => Tool("SWITCHYARD_TEST_PROMETHEUS", "prometheus");

    /// <summary>The promtool binary next to prometheus.</summary>
    public static string PromTool => Path.Combine(Path.GetDirectoryName(Binary)!, "promtool");

    /// <summary>Starts Prometheus scraping <paramref name="jobs"/> (job name → host:port targets) every second.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string[]> jobs)
    {
        var port = FreePort.Next();
        var root = Path.Combine(Path.GetTempPath(), "switchyard-prom-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var config = new StringBuilder();
        config.AppendLine("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s");
        config.AppendLine(CultureInfo.InvariantCulture, $"rule_files:\n  - {AlertRulesFile}");
        config.AppendLine("scrape_configs:");
        foreach (var (job, targets) in jobs)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {job}\n    static_configs:\n      - targets: [{string.Join(", ", targets.Select(t => "'" + t + "'"))}]");
        }

        var file = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(file, config.ToString());
        var process = PlatformProcess.StartExecutable(Binary,
            [
                "--config.file=" + file,
                "--storage.tsdb.path=" + Path.Combine(root, "data"),
                $"--web.listen-address=127.0.0.1:{port}",
            ],
            "prometheus");
        var server = new PrometheusServer(root, port, process);
        await process.WaitUntilReadyAsync(server.Url + "/-/ready", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Runs an instant query; returns each series' labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        Assert.Equal("success", body.GetProperty("status").GetString());
        var result = new List<(Dictionary<string, string>, double)>();
        foreach (var series in body.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            var value = double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            result.Add((labels, value));
        }

        return result;
    }

    /// <summary>The names of the rules Prometheus loaded, by group.</summary>
    public async Task<IReadOnlyList<string>> RuleNamesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        return [.. body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => r.GetProperty("name").GetString()!)];
    }

    /// <summary>Every metric name Prometheus holds.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values");
        return body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every label name Prometheus holds.</summary>
    public async Task<IReadOnlySet<string>> LabelNamesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/labels");
        return body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public string Output => _process.Output;

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs a tool to its end, returning its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string binary, params string[] arguments)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Tool(string variable, string name)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var path = Path.Combine("/usr/bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{variable} is not set and {path} is missing: run the tests with ./test.sh, which installs Prometheus.");
    }
}
