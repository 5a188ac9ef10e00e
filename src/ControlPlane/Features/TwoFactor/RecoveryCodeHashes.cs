using System.Security.Cryptography;
using System.Text;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// Recovery codes at rest: only a SHA-256 hash of each, salted with the member's id, never the codes (a code is shown once,
/// then only checked). Stored as <see cref="Marker"/> followed by the <c>;</c>-separated hex hashes, so a value written
/// before (sealed or plain codes) is told apart and hashed when next read or at start.
/// </summary>
public static class RecoveryCodeHashes
{
    public const string Marker = "sha256:v1:";

    public static bool IsHashed(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);

    public static string Hash(Guid memberId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:N}:{code}")));

    public static string Format(IEnumerable<string> hashes) => Marker + string.Join(';', hashes);

    public static List<string> Parse(string stored) => [.. stored[Marker.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The stored value of these codes, hashed.</summary>
    public static string Store(Guid memberId, IEnumerable<string> codes) => Format(codes.Select(code => Hash(memberId, code)));

    /// <summary>
    /// The index of <paramref name="code"/>'s hash in <paramref name="hashes"/>, or -1; every hash is compared in constant
    /// time, and all of them, so the time taken does not tell which (or whether one) matched.
    /// </summary>
    public static int IndexOf(IReadOnlyList<string> hashes, Guid memberId, string code)
    {
        var wanted = Encoding.ASCII.GetBytes(Hash(memberId, code));
        var found = -1;
        for (var i = 0; i < hashes.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(wanted, Encoding.ASCII.GetBytes(hashes[i])) && found < 0)
            {
                found = i;
            }
        }

        return found;
    }
}
