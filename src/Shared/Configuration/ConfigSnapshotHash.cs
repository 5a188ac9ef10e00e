using System.Security.Cryptography;
using System.Text.Json;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// The snapshot content hash: lowercase hex SHA-256 of the snapshot serialized with <see cref="SwitchyardJson.Options"/>
/// with <see cref="ConfigSnapshot.Hash"/> empty and <see cref="ConfigSnapshot.CreatedAt"/> at its default.
/// The control plane stamps it; a node recomputes it to reject a damaged snapshot.
/// </summary>
public static class ConfigSnapshotHash
{
    public static string Compute(ConfigSnapshot snapshot)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot with { Hash = "", CreatedAt = default }, SwitchyardJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
