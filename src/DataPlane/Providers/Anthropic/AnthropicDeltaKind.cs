namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>The <c>content_block_delta</c> types the gateway translates (signature and citation deltas are ignored).</summary>
internal enum AnthropicDeltaKind
{
    Other,
    Text,
    InputJson,
    Thinking,
}
