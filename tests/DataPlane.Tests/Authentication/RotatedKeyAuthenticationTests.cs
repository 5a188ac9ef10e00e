using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Tests.Authentication;

/// <summary>A rotated key (<see cref="KeySnapshot.PreviousHash"/>) as <see cref="VirtualKeyAuthenticator"/> sees it.</summary>
public sealed class RotatedKeyAuthenticationTests
{
    private const string NewSecret = "sk-sy-rotatedNewKeyFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static readonly DateTimeOffset GraceEnds = TestSnapshots.Now.AddHours(24);

    [Fact]
    public void Authenticate_OldSecretDuringGrace_SucceedsAsTheSameKey()
    {
        var (authenticator, _, snapshot) = Setup();

        var old = authenticator.Authenticate(Bearer(TestSnapshots.Key), snapshot);
        var current = authenticator.Authenticate(Bearer(NewSecret), snapshot);

        Assert.True(old.Succeeded);
        Assert.True(current.Succeeded);
        Assert.Equal(TestSnapshots.KeyId, old.Key!.Id);
        Assert.Equal(TestSnapshots.KeyId, current.Key!.Id);
    }

    [Fact]
    public void Authenticate_OldSecretAfterGraceByNodeClock_Returns401WhileNewSecretWorks()
    {
        var (authenticator, time, snapshot) = Setup();

        time.SetUtcNow(GraceEnds);
        var old = authenticator.Authenticate(Bearer(TestSnapshots.Key), snapshot);
        var current = authenticator.Authenticate(Bearer(NewSecret), snapshot);

        Assert.Equal(401, old.Status);
        Assert.Equal("invalid_api_key", old.Code);
        Assert.Contains("rotated", old.Message, StringComparison.Ordinal);
        Assert.True(current.Succeeded);
    }

    [Fact]
    public void Apply_PreviousHashSharedWithAnotherKey_BothLeftOut()
    {
        var store = SnapshotStoreTests.CreateStore();
        var source = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var restricted = source.Keys[1];
        var keys = source.Keys.Select(k => k.Id == TestSnapshots.KeyId
            ? k with { Hash = VirtualKeyHash.Compute(NewSecret), PreviousHash = restricted.Hash, PreviousExpiresAt = GraceEnds }
            : k).ToArray();
        store.Apply(TestSnapshots.Stamp(source with { Keys = keys }));

        var snapshot = store.Current!;

        Assert.False(snapshot.KeysByHash.ContainsKey(restricted.Hash));
        Assert.Contains(snapshot.Rejected, r => r.Id == TestSnapshots.KeyId);
        Assert.Contains(snapshot.Rejected, r => r.Id == restricted.Id);
    }

    private static (VirtualKeyAuthenticator Authenticator, FakeTimeProvider Time, RuntimeSnapshot Snapshot) Setup()
    {
        var source = TestSnapshots.Build(1, "http://127.0.0.1:1/v1");
        var keys = source.Keys.Select(k => k.Id == TestSnapshots.KeyId
            ? k with { Hash = VirtualKeyHash.Compute(NewSecret), Prefix = VirtualKeyHash.DisplayPrefix(NewSecret), PreviousHash = k.Hash, PreviousExpiresAt = GraceEnds }
            : k).ToArray();
        var store = SnapshotStoreTests.CreateStore();
        store.Apply(TestSnapshots.Stamp(source with { Keys = keys }));
        var time = new FakeTimeProvider(TestSnapshots.Now);
        return (new VirtualKeyAuthenticator(time), time, store.Current!);
    }

    private static HttpRequest Bearer(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + key;
        return context.Request;
    }
}
