namespace Switchyard.DataPlane.Streaming;

/// <summary>What the gateway needs to know about one OpenAI JSON payload (a response body or a stream chunk).</summary>
public readonly record struct ChunkInfo(bool Valid, bool HasUsage, int PromptTokens, int CompletionTokens, bool EmptyChoices, bool HasError);
