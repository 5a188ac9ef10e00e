using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Chat;

/// <summary>A provider that can count a request's input tokens (Anthropic <c>count_tokens</c>, Gemini <c>countTokens</c>).</summary>
public interface ITokenCounter
{
    Task<ProviderResult<TokenCount>> CountTokensAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken);
}
