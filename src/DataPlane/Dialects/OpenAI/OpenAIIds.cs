namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Completion ids in OpenAI's shape (<c>chatcmpl-</c> followed by 29 alphanumerics).</summary>
internal static class OpenAIIds
{
    public const string Prefix = "chatcmpl-";

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The provider's id when it already is an OpenAI completion id, otherwise a new one.</summary>
    public static string Completion(string? providerId) =>
        providerId is not null && providerId.StartsWith(Prefix, StringComparison.Ordinal) && providerId.Length > Prefix.Length
            ? providerId
            : string.Create(Prefix.Length + 29, 0, static (span, _) =>
            {
                Prefix.CopyTo(span);
                Random.Shared.GetItems(Alphabet.AsSpan(), span[Prefix.Length..]);
            });
}
