namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Mistral accepts only tool-call ids of exactly 9 alphanumerics, so ids from other providers (<c>call_…</c>,
/// <c>toolu_…</c>) are rewritten when history is replayed. The mapping is a pure function of the id (a 64-bit FNV-1a
/// hash in base 62), so an assistant's <c>tool_calls[].id</c> and the matching tool message's <c>tool_call_id</c> agree
/// without any state; ids that already fit pass unchanged.
/// </summary>
internal static class MistralToolCallIds
{
    private const int Length = 9;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string Map(string id)
    {
        if (id.Length == Length && id.All(char.IsAsciiLetterOrDigit))
        {
            return id;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return string.Create(Length, hash, static (span, value) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
                value /= (ulong)Alphabet.Length;
            }
        });
    }
}
