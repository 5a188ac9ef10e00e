namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// A non-2xx pass-through answer, captured (bounded) by <see cref="OpenAIForwardTransformer"/> instead of being
/// relayed, so the adapter can map it to the caller's error. Set as a request feature only when the upstream failed.
/// </summary>
internal sealed record UpstreamErrorCapture(int Status, byte[] Body, string? RetryAfter);
