using Microsoft.Extensions.Primitives;
using Switchyard.DataPlane.Authorization;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Authorization;

public class RequestTagsTests
{
    private static KeySnapshot Key(IReadOnlyList<string>? tags, bool allow) =>
        new(Guid.NewGuid(), "h", "sk-sy-x", Guid.NewGuid(), Guid.NewGuid(), [], KeyStatus.Active, null, Tags: tags, AllowRequestTags: allow);

    [Fact]
    public void Resolve_NoHeader_ReturnsTheKeysOwnListUnchanged()
    {
        var key = Key(["cost-center:4711"], allow: false);

        var tags = RequestTags.Resolve(key, StringValues.Empty, out var error);

        Assert.Null(error);
        Assert.Same(key.Tags, tags);
    }

    [Fact]
    public void Resolve_AllowedHeader_AppendsDistinctTagsAfterTheKeys()
    {
        var tags = RequestTags.Resolve(Key(["cost-center:4711"], allow: true), new StringValues(" app:search , cost-center:4711,batch "), out var error);

        Assert.Null(error);
        Assert.Equal(["cost-center:4711", "app:search", "batch"], tags);
    }

    [Theory]
    [InlineData("App:search")]
    [InlineData("app:")]
    [InlineData("app search")]
    [InlineData("-app")]
    [InlineData("app:a b")]
    public void Resolve_InvalidTag_IsAnErrorNamingIt(string header)
    {
        var tags = RequestTags.Resolve(Key(null, allow: true), new StringValues(header), out var error);

        Assert.Null(tags);
        Assert.Contains("x-switchyard-tags", error);
    }

    [Fact]
    public void Resolve_TooManyTags_IsAnError()
    {
        var tags = RequestTags.Resolve(Key(null, allow: true), new StringValues("a,b,c,d,e,f"), out var error);

        Assert.Null(tags);
        Assert.Contains("at most 5", error);
    }

    [Fact]
    public void Resolve_KeyDoesNotAllowRequestTags_IsAnError()
    {
        var tags = RequestTags.Resolve(Key(["team:x"], allow: false), new StringValues("app:search"), out var error);

        Assert.Null(tags);
        Assert.Contains("does not allow request tags", error);
    }
}
