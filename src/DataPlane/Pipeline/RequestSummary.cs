using Switchyard.DataPlane.Dialects;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>What the stages need from a request body: the public model, streaming, and the endpoint's own parsed form.</summary>
/// <param name="Features">What a chat request asks of the model (tools, media, output limit...).</param>
/// <param name="Payload">Anything the endpoint parsed that its forwarding needs again (e.g. an embeddings request).</param>
public readonly record struct RequestSummary(
    string Model, bool Stream = false, bool IncludeUsage = false, RequestFeatures Features = default, object? Payload = null);
