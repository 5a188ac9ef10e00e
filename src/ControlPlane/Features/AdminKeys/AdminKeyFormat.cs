using System.Security.Cryptography;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>Admin API keys: <c>sk-sya-</c> and 43 base64url characters; stored like virtual keys (SHA-256 hex and a display prefix).</summary>
public static class AdminKeyFormat
{
    public const string Prefix = "sk-sya-";
    public const int MinLength = 32;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool IsWellFormed(string? key) =>
        key is not null && key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length >= MinLength && !key.Any(char.IsWhiteSpace);
}
