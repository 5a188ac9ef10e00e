using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Streaming;

public class ObservedBodyStreamTests
{
    [Fact]
    public async Task ReadAsync_ToEnd_PassesBytesThroughAndCapturesUsage()
    {
        var input = Fixture.Bytes("openai-chat-response.json");
        var state = new GatewayRequestState("chat.completions", 0);
        await using var stream = new ObservedBodyStream(new MemoryStream(input), state, new FakeTimeProvider());

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(input, copy.ToArray());
        Assert.Equal((8, 9), (state.PromptTokens, state.CompletionTokens));
    }
}
