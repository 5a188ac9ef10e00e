using System.Net;
using Switchyard.Shared.Egress;

namespace Switchyard.Shared.Tests.Egress;

public class EgressPolicyTests
{
    private static readonly EgressAllowList Private = EgressAllowList.TryCreate(["vllm.internal"], ["10.20.0.0/16"], out _)!;

    [Fact]
    public void DenyReason_PublicAddress_Allowed()
    {
        Assert.Null(EgressPolicy.DenyReason("api.openai.com", IPAddress.Parse("162.159.140.245")));
    }

    [Fact]
    public void DenyReason_NameResolvingToAForbiddenAddress_Denied()
    {
        // DNS rebinding: a harmless-looking name that resolves to the metadata service.
        Assert.Equal("link-local", EgressPolicy.DenyReason("models.attacker.example", IPAddress.Parse("169.254.169.254"), Private));
    }

    [Fact]
    public void DenyReason_AllowedHostOrNetwork_Allowed()
    {
        Assert.Null(EgressPolicy.DenyReason("vllm.internal", IPAddress.Parse("10.99.0.1"), Private));
        Assert.Null(EgressPolicy.DenyReason("10.20.3.4", IPAddress.Parse("10.20.3.4"), Private));
        Assert.Null(EgressPolicy.DenyReason("10.20.3.4", IPAddress.Parse("10.20.3.4"), EgressAllowList.Empty, Private));
        Assert.Equal("private", EgressPolicy.DenyReason("10.21.3.4", IPAddress.Parse("10.21.3.4"), Private));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("http://2130706433/v1")]
    [InlineData("http://0x7f.1/v1")]
    [InlineData("http://0177.0.0.1/v1")]
    [InlineData("http://127.1/v1")]
    [InlineData("http://[::1]/v1")]
    [InlineData("http://[::ffff:127.0.0.1]/v1")]
    [InlineData("http://[::ffff:7f00:1]/v1")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fe80::1%25eth0]/")]
    [InlineData("http://10.0.0.1/v1")]
    [InlineData("http://0/")]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://LOCALHOST./v1")]
    [InlineData("http://api.localhost/v1")]
    public void LiteralDenyReason_ForbiddenLiteral_Denied(string url)
    {
        Assert.NotNull(EgressPolicy.LiteralDenyReason(new Uri(url)));
    }

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("http://vllm.internal:8000/v1")]
    [InlineData("http://8.8.8.8/v1")]
    public void LiteralDenyReason_PublicLiteralOrName_Null(string url)
    {
        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri(url)));
    }

    [Fact]
    public void LiteralDenyReason_AllowListed_Null()
    {
        var loopback = EgressAllowList.TryCreate([], ["127.0.0.0/8", "::1/128"], out _)!;
        var localhostName = EgressAllowList.TryCreate(["localhost"], [], out _)!;

        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri("http://2130706433/v1"), loopback));
        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri("http://[::ffff:127.0.0.1]/v1"), loopback));
        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri("http://localhost:11434/v1"), loopback));
        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri("http://localhost.:11434/v1"), localhostName));
        Assert.Null(EgressPolicy.LiteralDenyReason(new Uri("http://10.20.0.7/v1"), Private));
    }
}
