namespace Switchyard.DataPlane.Chat;

/// <summary>
/// What one request's response did, as it happens. Both response paths report here — the pass-through relay of an
/// upstream's own bytes and the dialect writers of translated answers and streams — so usage, time to first byte and
/// anything that watches the output (guardrails, budget cut-off, caching) are implemented once.
/// </summary>
public interface IResponseObserver
{
    /// <summary>Bytes of the body are about to reach the caller (the first call marks the time to first byte).</summary>
    void BodyWritten(ReadOnlySpan<byte> bytes);

    /// <summary>Token counts reported by the provider (cumulative; the last report wins).</summary>
    void UsageReported(TokenUsage usage);

    /// <summary>The answer (choice 0) finished for this reason.</summary>
    void Finished(FinishReason reason);

    /// <summary>
    /// The request failed with this status and code: an error answer, or a failure after the response started (the
    /// status to record then differs from the one the caller saw, e.g. 502 for a stream cut off mid-way, 499 when the
    /// caller left).
    /// </summary>
    void Failed(int status, string code);

    /// <summary>
    /// Streamed output text (answer, reasoning, tool-call arguments) of this many characters is on its way to the caller;
    /// the node estimates output tokens from it when a stream ends without the provider's usage.
    /// </summary>
    void OutputStreamed(int characters)
    {
    }

    /// <summary>
    /// Set once the streamed output reached what the request may spend (its budget reservation): the stream must end now
    /// with this error as the dialect's error event. Null while the stream may go on.
    /// </summary>
    GatewayError? CutOff => null;

    /// <summary>True when the output may be cut (<see cref="CutOff"/>): a relay then reports output event by event.</summary>
    bool MayCutOff => false;
}
