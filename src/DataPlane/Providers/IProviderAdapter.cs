using Switchyard.DataPlane.Gateway;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// Serves one chat completion through one kind of provider. The adapter writes the caller's response (success or an
/// OpenAI-shaped error) and records usage on the <see cref="GatewayRequestState"/>.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>The <c>ProviderKind</c> this adapter serves (see <c>ProviderKinds</c>).</summary>
    string Kind { get; }

    Task ChatCompletionsAsync(HttpContext context, GatewayRequestState request);
}
