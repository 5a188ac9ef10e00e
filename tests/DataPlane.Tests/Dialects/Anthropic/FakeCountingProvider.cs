using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>A <see cref="FakeChatProvider"/> that also counts tokens.</summary>
internal sealed class FakeCountingProvider : FakeChatProvider, ITokenCounter
{
    public Task<ProviderResult<TokenCount>> CountTokensAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        Assert.Null(request.MaxTokens);
        return Task.FromResult<ProviderResult<TokenCount>>(new TokenCount(request.Messages.Count * 100 + 42));
    }
}
