using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// Applying a configuration revision at the architecture target (100,000 keys, 10,000 tenants, 10,000 teams,
/// 20,000 routes, 10,000 sealed credentials): the content-hash check alone, <see cref="SnapshotCompiler.Compile"/>
/// (validate + hash check + unseal + frozen dictionaries), <see cref="SnapshotStore.Apply"/> into an empty store,
/// and deserialize-then-apply from the JSON a node fetches (what <c>SnapshotSynchronizer</c> does, minus I/O).
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private const int KeyCount = 100_000;
    private const int TenantCount = 10_000;

    private ConfigSnapshot _snapshot = null!;
    private byte[] _json = null!;
    private SnapshotCompiler _compiler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Fixtures.Snapshot(TenantCount, KeyCount);
        _json = JsonSerializer.SerializeToUtf8Bytes(_snapshot, SwitchyardJson.Options);
        _compiler = Fixtures.Compiler();
        if (_compiler.Compile(_snapshot, out var error) is null)
        {
            throw new InvalidOperationException("Fixture snapshot rejected: " + error);
        }

        Console.WriteLine($"// snapshot JSON: {_json.Length:N0} bytes");
    }

    [Benchmark(Description = "ConfigSnapshotHash.Compute")]
    public string Hash() => ConfigSnapshotHash.Compute(_snapshot);

    [Benchmark(Description = "SnapshotCompiler.Compile")]
    public RuntimeSnapshot? Compile() => _compiler.Compile(_snapshot, out _);

    [Benchmark(Description = "SnapshotStore.Apply (empty store)")]
    public bool Apply() => new SnapshotStore(_compiler).Apply(_snapshot).Applied;

    [Benchmark(Description = "Deserialize JSON + Apply")]
    public bool DeserializeAndApply()
    {
        var snapshot = JsonSerializer.Deserialize<ConfigSnapshot>(_json, SwitchyardJson.Options)!;
        return new SnapshotStore(_compiler).Apply(snapshot).Applied;
    }
}
