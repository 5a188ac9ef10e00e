using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.Benchmarks;

/// <summary>
/// Virtual key authentication per request: SHA-256 hex of the presented key, then a frozen-dictionary lookup in a
/// snapshot holding 100,000 keys (10,000 tenants); and the whole <see cref="VirtualKeyAuthenticator.Authenticate"/>
/// call including reading the Authorization header, revocation/expiry and tenant checks.
/// </summary>
[MemoryDiagnoser]
public class KeyLookupBenchmarks
{
    private const int KeyCount = 100_000;
    private const int TenantCount = 10_000;

    private RuntimeSnapshot _snapshot = null!;
    private VirtualKeyAuthenticator _authenticator = null!;
    private string _key = null!;
    private string _unknownKey = null!;
    private string _hash = null!;
    private DefaultHttpContext _hit = null!;
    private DefaultHttpContext _miss = null!;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Fixtures.LoadedStore(TenantCount, KeyCount).Current!;
        _authenticator = new VirtualKeyAuthenticator(TimeProvider.System);
        _key = Fixtures.Key(KeyCount / 2);
        _unknownKey = VirtualKeyHash.Generate();
        _hash = VirtualKeyHash.Compute(_key);
        _hit = Context(_key);
        _miss = Context(_unknownKey);
        if (!_authenticator.Authenticate(_hit.Request, _snapshot).Succeeded || _authenticator.Authenticate(_miss.Request, _snapshot).Succeeded)
        {
            throw new InvalidOperationException("Benchmark fixture does not authenticate as expected.");
        }
    }

    [Benchmark(Description = "VirtualKeyHash.Compute (SHA-256 hex)")]
    public string HashKey() => VirtualKeyHash.Compute(_key);

    [Benchmark(Description = "KeysByHash lookup (hash precomputed)")]
    public bool LookupOnly() => _snapshot.KeysByHash.TryGetValue(_hash, out _);

    [Benchmark(Baseline = true, Description = "hash + lookup (hit)")]
    public bool HashAndLookup() => _snapshot.KeysByHash.TryGetValue(VirtualKeyHash.Compute(_key), out _);

    [Benchmark(Description = "Authenticate(HttpRequest) hit")]
    public bool AuthenticateHit() => _authenticator.Authenticate(_hit.Request, _snapshot).Succeeded;

    [Benchmark(Description = "Authenticate(HttpRequest) unknown key")]
    public int AuthenticateMiss() => _authenticator.Authenticate(_miss.Request, _snapshot).Status;

    private static DefaultHttpContext Context(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + key;
        return context;
    }
}
