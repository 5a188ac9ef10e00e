using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// Forwards an OpenAI-dialect chat request to an upstream speaking the same wire format without translating it (the
/// fast path). The upstream's answer is relayed as it arrives and reported to the request's <see cref="IResponseObserver"/>.
/// </summary>
public interface IPassThroughAdapter
{
    /// <summary>The <c>ProviderKind</c>s whose upstreams accept OpenAI requests unchanged (see <c>ProviderKinds</c>).</summary>
    IReadOnlyList<string> Kinds { get; }

    /// <summary>
    /// Forwards <see cref="GatewayContext.Body"/> to <paramref name="deployment"/>. Returns the error when the upstream
    /// failed before anything reached the caller; null once the answer was relayed (or a stream ended with an error event).
    /// </summary>
    Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment);
}
