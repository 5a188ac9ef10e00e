using Switchyard.Shared.Keys;

namespace Switchyard.Shared.Tests.Keys;

public class VirtualKeyHashTests
{
    [Fact]
    public void Compute_KnownInput_MatchesSha256Hex()
    {
        // SHA-256("abc"), FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", VirtualKeyHash.Compute("abc"));
    }

    [Fact]
    public void Generate_TwoKeys_AreDistinctAndPrefixed()
    {
        var a = VirtualKeyHash.Generate();
        var b = VirtualKeyHash.Generate();
        Assert.NotEqual(a, b);
        Assert.StartsWith(VirtualKeyHash.Prefix, a);
        Assert.Equal(VirtualKeyHash.Prefix.Length + 43, a.Length);
        Assert.DoesNotContain('+', a);
        Assert.DoesNotContain('/', a);
    }

    [Fact]
    public void DisplayPrefix_LongKey_KeepsOnlyLeadingCharacters()
    {
        var key = VirtualKeyHash.Generate();
        Assert.Equal(key[..VirtualKeyHash.DisplayLength], VirtualKeyHash.DisplayPrefix(key));
    }
}
