using System.Text;
using Switchyard.DataPlane.Routing;

namespace Switchyard.DataPlane.Tests.Routing;

public class SessionKeyTests
{
    [Theory]
    [InlineData("""{"model":"m","user":"alice","messages":[]}""")]
    [InlineData("""{"model":"m","metadata":{"other":{"x":1},"user_id":"alice"},"messages":[]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"user"}],"user":"al\u0069ce"}""")]
    public void TryHashBody_OpenAIUserOrAnthropicMetadata_HashesTheSessionValue(string body)
    {
        Assert.True(SessionKey.TryHashBody(Encoding.UTF8.GetBytes(body), out var hash));

        Assert.Equal(SessionKey.HashText("alice"), hash);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"m","user":""}""")]
    [InlineData("""{"model":"m","user":{"id":"alice"}}""")]
    public void TryHashBody_NoSession_ReturnsFalse(string body)
    {
        Assert.False(SessionKey.TryHashBody(Encoding.UTF8.GetBytes(body), out _));
    }
}
