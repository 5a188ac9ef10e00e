namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>One provider call: streamed or not, which dialect the caller speaks, and what the upstream answers.</summary>
internal sealed record ProviderCase(bool Stream, bool AnthropicCaller, UpstreamAnswer Answer, string Recipe)
{
    public override string ToString() =>
        $"{(Stream ? "stream" : "complete")} for an {(AnthropicCaller ? "Anthropic" : "OpenAI")} caller; {Recipe}\n{Answer}";
}
