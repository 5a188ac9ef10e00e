using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Providers.OpenAICompatible;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class ObservedBodyStreamTests
{
    [Fact]
    public async Task ReadAsync_ToEnd_PassesBytesThroughAndCapturesUsage()
    {
        var input = Fixture.Bytes("openai-chat-response.json");
        var state = new RecordingObserver();
        await using var stream = new ObservedBodyStream(new MemoryStream(input), state);

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(input, copy.ToArray());
        Assert.Equal((8, 9), (state.Usage.InputTokens, state.Usage.OutputTokens));
    }
}
