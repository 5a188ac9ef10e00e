namespace Switchyard.DataPlane.Chat;

/// <summary>A non-streamed chat answer in canonical form.</summary>
public sealed class ChatResponse
{
    /// <summary>The provider's response id; dialect writers make their own when it is empty.</summary>
    public string Id { get; set; } = "";

    /// <summary>The model the provider reports (dialects answer with the caller's public model name).</summary>
    public string? UpstreamModel { get; set; }

    public List<ChatChoice> Choices { get; } = [];

    public TokenUsage Usage { get; set; }
}
