using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Authentication;

public class VirtualKeyAuthenticatorTests
{
    private readonly RuntimeSnapshot _snapshot;
    private readonly VirtualKeyAuthenticator _authenticator = new(new FakeTimeProvider(TestSnapshots.Now));

    public VirtualKeyAuthenticatorTests()
    {
        var store = SnapshotStoreTests.CreateStore();
        store.Apply(TestSnapshots.Build(1, "http://127.0.0.1:1/v1"));
        _snapshot = store.Current!;
    }

    [Fact]
    public void Authenticate_BearerKey_Succeeds()
    {
        var result = _authenticator.Authenticate(Request("Authorization", "Bearer " + TestSnapshots.Key), _snapshot);

        Assert.True(result.Succeeded);
        Assert.Equal(TestSnapshots.KeyId, result.Key!.Id);
    }

    [Fact]
    public void Authenticate_XApiKeyHeader_Succeeds()
    {
        var result = _authenticator.Authenticate(Request("x-api-key", TestSnapshots.Key), _snapshot);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Authenticate_NoKey_Returns401()
    {
        var result = _authenticator.Authenticate(new DefaultHttpContext().Request, _snapshot);

        Assert.Equal(401, result.Status);
        Assert.StartsWith("You didn't provide an API key", result.Message);
    }

    [Fact]
    public void Authenticate_UnknownKey_Returns401WithoutEchoingTheKey()
    {
        const string unknown = "sk-sy-unknownKeyZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ1234";

        var result = _authenticator.Authenticate(Request("Authorization", "Bearer " + unknown), _snapshot);

        Assert.Equal(401, result.Status);
        Assert.Equal("invalid_api_key", result.Code);
        Assert.DoesNotContain(unknown, result.Message);
        Assert.DoesNotContain("1234", result.Message);
    }

    [Fact]
    public void Authenticate_RevokedKey_Returns401()
    {
        var result = _authenticator.Authenticate(Request("Authorization", "Bearer " + TestSnapshots.RevokedKey), _snapshot);

        Assert.Equal(401, result.Status);
        Assert.Equal("This API key has been revoked.", result.Message);
    }

    [Fact]
    public void Authenticate_ExpiredKey_Returns401()
    {
        var result = _authenticator.Authenticate(Request("Authorization", "Bearer " + TestSnapshots.ExpiredKey), _snapshot);

        Assert.Equal(401, result.Status);
        Assert.Contains("expired", result.Message);
    }

    [Fact]
    public void Authenticate_InactiveTenant_Returns403()
    {
        var result = _authenticator.Authenticate(Request("Authorization", "Bearer " + TestSnapshots.InactiveTenantKey), _snapshot);

        Assert.Equal(403, result.Status);
    }

    private static HttpRequest Request(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }
}
