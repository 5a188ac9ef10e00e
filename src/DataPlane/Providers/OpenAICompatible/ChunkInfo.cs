using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>What the gateway needs to know about one OpenAI JSON payload (a response body or a stream chunk).</summary>
/// <param name="FinishReason">The first choice's <c>finish_reason</c>, when the payload carries one.</param>
public readonly record struct ChunkInfo(bool Valid, bool HasUsage, int PromptTokens, int CompletionTokens, bool EmptyChoices, bool HasError, FinishReason? FinishReason = null);
