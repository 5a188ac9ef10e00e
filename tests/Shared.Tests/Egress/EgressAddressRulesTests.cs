using System.Net;
using Switchyard.Shared.Egress;

namespace Switchyard.Shared.Tests.Egress;

public class EgressAddressRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.1.2", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.10", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("198.18.0.1", "benchmarking")]
    public void ForbiddenReason_NonPublicAddress_NamesTheRange(string address, string reason)
    {
        Assert.Equal(reason, EgressAddressRules.ForbiddenReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:7f00:1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("2002:7f00:1::1", "loopback")]
    [InlineData("2002:c0a8:101::1", "private")]
    public void ForbiddenReason_IPv4InIPv6Form_JudgedByTheIPv4Address(string address, string reason)
    {
        Assert.Equal(reason, EgressAddressRules.ForbiddenReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::127.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("2001::1")]
    [InlineData("100::1")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("fec0::1")]
    public void ForbiddenReason_DeprecatedOrTunnelForms_Forbidden(string address)
    {
        Assert.NotNull(EgressAddressRules.ForbiddenReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("017700000001")]
    [InlineData("127.1")]
    public void ForbiddenReason_OtherSpellingsOfLoopback_Loopback(string spelling)
    {
        // Every spelling the parsers accept lands on the same address; the rule judges the address, not the text.
        Assert.Equal("loopback", EgressAddressRules.ForbiddenReason(IPAddress.Parse(spelling)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82b::200e")]
    public void ForbiddenReason_PublicAddress_Null(string address)
    {
        Assert.Null(EgressAddressRules.ForbiddenReason(IPAddress.Parse(address)));
    }

    [Fact]
    public void ForbiddenReason_LinkLocalWithScope_LinkLocal()
    {
        Assert.Equal("link-local", EgressAddressRules.ForbiddenReason(IPAddress.Parse("fe80::1%2")));
    }
}
