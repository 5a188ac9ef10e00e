using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Shared;

/// <summary>How a key's status reads on screen (the API sends the status as text, e.g. "Active", "Revoked").</summary>
public static class KeyStatusText
{
    public static bool IsRevoked(KeyDto key) =>
        key.RevokedAt is not null || string.Equals(key.Status, "Revoked", StringComparison.OrdinalIgnoreCase);

    public static bool IsExpired(KeyDto key, DateTimeOffset now) => key.ExpiresAt is { } expires && expires <= now;

    public static bool IsActive(KeyDto key, DateTimeOffset now) => !IsRevoked(key) && !IsExpired(key, now);

    public static string Describe(KeyDto key, DateTimeOffset now) =>
        IsRevoked(key) ? "Revoked" : IsExpired(key, now) ? "Expired" : key.Status;
}
