namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Anthropic-style identifiers: <c>msg_…</c> for messages, <c>req_…</c> for requests.</summary>
internal static class AnthropicIds
{
    private const int RandomLength = 24;

    private static readonly char[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".ToCharArray();

    public static string NewMessageId() => New("msg_");

    public static string NewRequestId() => New("req_");

    /// <summary>The provider's id when it already is a message id, else a new one (e.g. for an OpenAI <c>chatcmpl-</c> id).</summary>
    public static string MessageId(string? providerId) =>
        providerId is { Length: > 4 } && providerId.StartsWith("msg_", StringComparison.Ordinal) ? providerId : NewMessageId();

    private static string New(string prefix) => string.Create(prefix.Length + RandomLength, prefix, static (span, p) =>
    {
        p.CopyTo(span);
        Random.Shared.GetItems<char>(Alphabet, span[p.Length..]);
    });
}
