using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Infrastructure;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Turns a credential's at-rest form (Data Protection) into its snapshot form (sealed with the node secret).
/// Sealing uses a random nonce, so the sealed value is cached per credential and protected value: rebuilding unchanged
/// data in this process yields the same bytes and the same snapshot hash.
/// </summary>
public sealed class SnapshotSecretSealer(IOptions<ControlPlaneOptions> options, CredentialProtector protector)
{
    private readonly SecretSealer _sealer = new(options.Value.NodeSecret);
    private readonly ConcurrentDictionary<(Guid Id, string Protected), string> _cache = new();

    public string Seal(ProviderCredential credential) =>
        _cache.GetOrAdd((credential.Id, credential.ProtectedSecret), key => _sealer.Seal(protector.Unprotect(key.Protected)));
}
