using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Gateway;

/// <summary>Per-request state of one gateway call, carried on the <see cref="HttpContext"/> features.</summary>
public sealed class GatewayRequestState
{
    public GatewayRequestState(string endpoint, long startTimestamp)
    {
        Endpoint = endpoint;
        StartTimestamp = startTimestamp;
    }

    public string Endpoint { get; }

    public long StartTimestamp { get; }

    public KeySnapshot? Key { get; set; }

    public RuntimeSnapshot? Snapshot { get; set; }

    public string Model { get; set; } = "";

    public bool Stream { get; set; }

    /// <summary>The caller asked for <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; set; }

    public RuntimeRoute? Route { get; set; }

    public RuntimeDeployment? Deployment { get; set; }

    /// <summary>The request body to send upstream (rewritten), valid until the request ends.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Token counts reported by the provider (the last report wins).</summary>
    public TokenUsage Usage { get; set; }

    public int PromptTokens => Usage.InputTokens;

    public int CompletionTokens => Usage.OutputTokens;

    /// <summary>Timestamp (TimeProvider ticks) when the first body byte went to the caller.</summary>
    public long? FirstByteTimestamp { get; set; }

    /// <summary>Status to report when it differs from the response's (e.g. client went away).</summary>
    public int? StatusCode { get; set; }

    public string? ErrorCode { get; set; }

    /// <summary>Upstream error body captured (bounded) by the forwarder, written by the adapter.</summary>
    public byte[]? UpstreamErrorBody { get; set; }

    public int UpstreamErrorStatus { get; set; }

    public void Fail(int status, string code)
    {
        StatusCode = status;
        ErrorCode = code;
    }

    public void MarkFirstByte(long timestamp) => FirstByteTimestamp ??= timestamp;

    public void SetUsage(int promptTokens, int completionTokens) => Usage = new TokenUsage(promptTokens, completionTokens);
}
