namespace Switchyard.Shared.Configuration;

/// <summary>
/// A provider credential. <see cref="SealedSecret"/> is the secret sealed with the node secret
/// (AES-256-GCM, see <c>Keys.SecretSealer</c>), so the snapshot can be stored on a node's disk as it was fetched.
/// </summary>
public sealed record CredentialSnapshot(Guid Id, Guid TenantId, string ProviderKind, string SealedSecret);
