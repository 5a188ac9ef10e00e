using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Invitations;

/// <summary>Invitation tokens: 32 random bytes (base64url) behind a recognisable prefix; only their SHA-256 is stored.</summary>
internal static class InvitationToken
{
    public const string Prefix = "syi_";

    public static string New() => VirtualKeyHash.Generate(Prefix);

    public static string Hash(string token) => VirtualKeyHash.Compute(token);

    /// <summary>Whether the text could be a token at all (checked before hashing and looking it up).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: > 4 and <= 100 } && token.StartsWith(Prefix, StringComparison.Ordinal);
}
