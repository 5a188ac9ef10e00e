using System.Text;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

/// <summary>The test helper against RFC 6238's own test vectors (SHA-1), so the TOTP tests rest on a checked reference.</summary>
public sealed class Rfc6238Tests
{
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(20000000000L, "65353130")]
    public void Code_RfcVectors_Match(long unixSeconds, string expected) =>
        Assert.Equal(expected, Rfc6238.Code(Encoding.ASCII.GetBytes("12345678901234567890"), unixSeconds / 30, 8));

    [Fact]
    public void Base32_RfcVector_Decodes() =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Rfc6238.Base32("MZXW6YTBOI======")));
}
