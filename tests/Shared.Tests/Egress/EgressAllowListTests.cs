using System.Net;
using Switchyard.Shared.Egress;

namespace Switchyard.Shared.Tests.Egress;

public class EgressAllowListTests
{
    [Fact]
    public void TryCreate_ValidEntries_NormalisesSortsAndRemovesDuplicates()
    {
        var list = EgressAllowList.TryCreate(["VLLM.Internal.", "*.models.corp", "vllm.internal"], ["10.0.0.0/8", "192.168.1.20", " fd00::/8 "], out var errors);

        Assert.Empty(errors);
        Assert.NotNull(list);
        Assert.Equal(["*.models.corp", "vllm.internal"], list.Hosts);
        Assert.Equal(["10.0.0.0/8", "192.168.1.20/32", "fd00::/8"], list.Networks);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("2130706433")]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("bad host")]
    [InlineData("a..b")]
    [InlineData("foo.*.corp")]
    [InlineData("http://vllm.internal")]
    [InlineData("vllm.internal:8000")]
    public void TryCreate_InvalidHost_ReportsItsIndex(string host)
    {
        var list = EgressAllowList.TryCreate(["ok.internal", host], [], out var errors);

        Assert.Null(list);
        var error = Assert.Single(errors);
        Assert.Equal((EgressAllowListError.HostsList, (int?)1), (error.List, error.Index));
    }

    [Theory]
    [InlineData("10.0.0.5/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("2130706433/32")]
    [InlineData("0x7f.1/32")]
    [InlineData("010.0.0.1/32")]
    [InlineData("::ffff:127.0.0.1/128")]
    [InlineData("fe80::1%2/128")]
    [InlineData("vllm.internal")]
    [InlineData("10.0.0.0 /8")]
    public void TryCreate_InvalidNetwork_ReportsItsIndex(string network)
    {
        var list = EgressAllowList.TryCreate([], ["10.0.0.0/8", network], out var errors);

        Assert.Null(list);
        var error = Assert.Single(errors);
        Assert.Equal((EgressAllowListError.NetworksList, (int?)1), (error.List, error.Index));
    }

    [Fact]
    public void TryCreate_HostBitsSet_SuggestsTheNetwork()
    {
        EgressAllowList.TryCreate([], ["10.0.0.5/8"], out var errors);

        Assert.Contains("10.0.0.0/8", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_TooManyEntries_ReportsTheList()
    {
        var hosts = Enumerable.Range(0, EgressAllowList.MaxEntries + 1).Select(i => $"h{i}.internal");

        EgressAllowList.TryCreate(hosts, [], out var errors);

        Assert.Equal((EgressAllowListError.HostsList, (int?)null), (Assert.Single(errors).List, errors[0].Index));
    }

    [Fact]
    public void CreateLenient_InvalidEntries_AreSkipped()
    {
        var list = EgressAllowList.CreateLenient(["ok.internal", "not a host"], ["10.0.0.0/8", "nonsense"]);

        Assert.Equal(["ok.internal"], list.Hosts);
        Assert.Equal(["10.0.0.0/8"], list.Networks);
    }

    [Theory]
    [InlineData("vllm.internal", true)]
    [InlineData("VLLM.INTERNAL.", true)]
    [InlineData("a.models.corp", true)]
    [InlineData("b.a.models.corp", true)]
    [InlineData("models.corp", false)]
    [InlineData("evilmodels.corp", false)]
    [InlineData("vllm.internal.evil.example", false)]
    [InlineData("other.internal", false)]
    public void AllowsHost_ExactAndDomainEntries(string host, bool allowed)
    {
        var list = EgressAllowList.TryCreate(["vllm.internal", "*.models.corp"], [], out _)!;

        Assert.Equal(allowed, list.AllowsHost(host));
    }

    [Theory]
    [InlineData("10.20.30.40", true)]
    [InlineData("::ffff:10.20.30.40", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("11.0.0.1", false)]
    [InlineData("fd00::5", true)]
    [InlineData("fe80::1", false)]
    public void AllowsAddress_InsideAnAllowedNetwork(string address, bool allowed)
    {
        var list = EgressAllowList.TryCreate([], ["10.0.0.0/8", "127.0.0.1/32", "fd00::/8"], out _)!;

        Assert.Equal(allowed, list.AllowsAddress(IPAddress.Parse(address)));
    }

    [Fact]
    public void Union_AllowsWhatEitherAllows()
    {
        var a = EgressAllowList.TryCreate(["a.internal"], ["10.0.0.0/8"], out _)!;
        var b = EgressAllowList.TryCreate(["b.internal"], ["192.168.0.0/16"], out _)!;

        var union = EgressAllowList.Union(a, b);

        Assert.True(union.AllowsHost("a.internal") && union.AllowsHost("b.internal"));
        Assert.True(union.AllowsAddress(IPAddress.Parse("10.1.1.1")) && union.AllowsAddress(IPAddress.Parse("192.168.1.1")));
        Assert.Same(a, EgressAllowList.Union(a, EgressAllowList.Empty));
    }

    [Fact]
    public void Equals_SameEntriesInAnyOrderOrSpelling_Equal()
    {
        var a = EgressAllowList.TryCreate(["B.internal", "a.internal"], ["10.0.0.0/8"], out _)!;
        var b = EgressAllowList.TryCreate(["a.internal", "b.internal."], ["10.0.0.0/8", "10.0.0.0/8"], out _)!;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, EgressAllowList.Empty);
    }
}
