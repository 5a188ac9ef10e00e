using Switchyard.DataPlane.Gateway;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// Forwards an OpenAI-dialect chat request to an upstream speaking the same wire format without translating it (the
/// fast path). The adapter writes the caller's response (success or an OpenAI-shaped error) and records usage on the
/// <see cref="GatewayRequestState"/>.
/// </summary>
public interface IPassThroughAdapter
{
    /// <summary>The <c>ProviderKind</c>s whose upstreams accept OpenAI requests unchanged (see <c>ProviderKinds</c>).</summary>
    IReadOnlyList<string> Kinds { get; }

    Task ChatCompletionsAsync(HttpContext context, GatewayRequestState request);
}
