using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>An <see cref="IResponseObserver"/> that remembers what a response reported.</summary>
public sealed class RecordingObserver : IResponseObserver
{
    private readonly MemoryStream _written = new();

    public TokenUsage Usage { get; private set; }

    public FinishReason? FinishReason { get; private set; }

    public int? StatusCode { get; private set; }

    public string? ErrorCode { get; private set; }

    /// <summary>True once body bytes were reported (the time to first byte would be stamped).</summary>
    public bool BodyStarted => _written.Length > 0;

    /// <summary>Every body byte reported, in order.</summary>
    public byte[] Written => _written.ToArray();

    public void BodyWritten(ReadOnlySpan<byte> bytes) => _written.Write(bytes);

    public void UsageReported(TokenUsage usage) => Usage = usage;

    public void Finished(FinishReason reason) => FinishReason = reason;

    public void Failed(int status, string code) => (StatusCode, ErrorCode) = (status, code);
}
