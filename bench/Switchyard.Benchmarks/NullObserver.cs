using Switchyard.DataPlane.Chat;

namespace Switchyard.Benchmarks;

/// <summary>An <see cref="IResponseObserver"/> that ignores everything (the gateway's own one only stores a few fields).</summary>
internal sealed class NullObserver : IResponseObserver
{
    public static readonly NullObserver Instance = new();

    public void BodyWritten(ReadOnlySpan<byte> bytes)
    {
    }

    public void UsageReported(TokenUsage usage)
    {
    }

    public void Finished(FinishReason reason)
    {
    }

    public void Failed(int status, string code)
    {
    }
}
