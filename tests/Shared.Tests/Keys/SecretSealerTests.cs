using System.Security.Cryptography;
using Switchyard.Shared.Keys;

namespace Switchyard.Shared.Tests.Keys;

public class SecretSealerTests
{
    [Fact]
    public void Unseal_SealedWithSameSecret_ReturnsOriginal()
    {
        var sealer = new SecretSealer("node-secret-0123456789abcdef0123456789");
        var sealedValue = sealer.Seal("sk-upstream-secret");
        Assert.DoesNotContain("sk-upstream-secret", sealedValue);
        Assert.Equal("sk-upstream-secret", new SecretSealer("node-secret-0123456789abcdef0123456789").Unseal(sealedValue));
    }

    [Fact]
    public void Unseal_DifferentNodeSecret_Throws()
    {
        var sealedValue = new SecretSealer("secret-one-0123456789abcdef0123456789").Seal("value");
        Assert.ThrowsAny<CryptographicException>(() => new SecretSealer("secret-two-0123456789abcdef0123456789").Unseal(sealedValue));
    }

    [Fact]
    public void Unseal_TamperedValue_Throws()
    {
        var sealer = new SecretSealer("node-secret-0123456789abcdef0123456789");
        var bytes = Convert.FromBase64String(sealer.Seal("value"));
        bytes[^1] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(Convert.ToBase64String(bytes)));
    }
}
