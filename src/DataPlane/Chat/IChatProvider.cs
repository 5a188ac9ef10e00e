using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Chat;

/// <summary>Serves canonical chat requests through one kind of provider, translating to and from its wire format.</summary>
public interface IChatProvider
{
    /// <summary>The <c>ProviderKind</c>s this provider serves (see <c>ProviderKinds</c>).</summary>
    IReadOnlyList<string> Kinds { get; }

    Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the answer into <paramref name="sink"/>. Returns the error when the upstream failed before the stream
    /// started (nothing was written to the sink); null once the stream was delivered or its failure reported to the sink.
    /// </summary>
    Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken);
}
