using System.Collections.Frozen;
using System.Security.Cryptography;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Validates a <see cref="ConfigSnapshot"/> and compiles it into a <see cref="RuntimeSnapshot"/>.</summary>
public sealed class SnapshotCompiler(SecretSealer sealer, IReadOnlyCollection<string> providerKinds, IReadOnlyCollection<string> routingPolicies)
{
    /// <summary>Returns the compiled snapshot, or null with the reason it was rejected.</summary>
    public RuntimeSnapshot? Compile(ConfigSnapshot snapshot, out string? error)
    {
        error = Validate(snapshot);
        if (error is not null)
        {
            return null;
        }

        var secrets = new Dictionary<Guid, string>(snapshot.Credentials.Count);
        foreach (var credential in snapshot.Credentials)
        {
            if (!secrets.TryAdd(credential.Id, "") )
            {
                error = $"Duplicate credential {credential.Id}.";
                return null;
            }

            try
            {
                secrets[credential.Id] = sealer.Unseal(credential.SealedSecret);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                error = $"Credential {credential.Id} cannot be unsealed with this node secret.";
                return null;
            }
        }

        var keys = new Dictionary<string, KeySnapshot>(snapshot.Keys.Count, StringComparer.Ordinal);
        foreach (var key in snapshot.Keys)
        {
            if (!keys.TryAdd(key.Hash, key))
            {
                error = $"Duplicate key hash for key {key.Id}.";
                return null;
            }
        }

        var routes = new Dictionary<(Guid, string), RuntimeRoute>(snapshot.Routes.Count);
        foreach (var route in snapshot.Routes)
        {
            var deployments = new RuntimeDeployment[route.Deployments.Count];
            for (var i = 0; i < deployments.Length; i++)
            {
                var d = route.Deployments[i];
                string? secret = null;
                if (d.CredentialId is { } credentialId && !secrets.TryGetValue(credentialId, out secret))
                {
                    error = $"Deployment {d.Id} of route {route.Id} references missing credential {credentialId}.";
                    return null;
                }

                deployments[i] = new RuntimeDeployment(d, secret);
            }

            if (!routes.TryAdd((route.TenantId, route.PublicModel), new RuntimeRoute(route, deployments)))
            {
                error = $"Duplicate route '{route.PublicModel}' for tenant {route.TenantId}.";
                return null;
            }
        }

        var byTenant = routes.Values.GroupBy(r => r.Snapshot.TenantId)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.PublicModel, StringComparer.Ordinal).ToArray());

        return new RuntimeSnapshot(
            snapshot,
            keys.ToFrozenDictionary(StringComparer.Ordinal),
            snapshot.Tenants.DistinctBy(t => t.Id).ToFrozenDictionary(t => t.Id),
            snapshot.Teams.DistinctBy(t => t.Id).ToFrozenDictionary(t => t.Id),
            routes.ToFrozenDictionary(),
            byTenant);
    }

    private string? Validate(ConfigSnapshot snapshot)
    {
        if (snapshot.SchemaVersion != ConfigSnapshot.CurrentSchemaVersion)
        {
            return $"Unsupported schema version {snapshot.SchemaVersion} (this node understands {ConfigSnapshot.CurrentSchemaVersion}).";
        }

        var hash = ConfigSnapshotHash.Compute(snapshot);
        if (!string.Equals(hash, snapshot.Hash, StringComparison.Ordinal))
        {
            return $"Hash mismatch for revision {snapshot.Revision}: content hashes to {hash}, snapshot says {snapshot.Hash}.";
        }

        foreach (var route in snapshot.Routes)
        {
            if (string.IsNullOrEmpty(route.PublicModel))
            {
                return $"Route {route.Id} has no public model name.";
            }

            if (!string.IsNullOrEmpty(route.Strategy) && !routingPolicies.Contains(route.Strategy, StringComparer.OrdinalIgnoreCase))
            {
                return $"Route {route.Id} names unknown routing strategy '{route.Strategy}'.";
            }

            if (route.Deployments.Count == 0)
            {
                return $"Route {route.Id} has no deployments.";
            }

            foreach (var d in route.Deployments)
            {
                if (!providerKinds.Contains(d.ProviderKind ?? ""))
                {
                    return $"Deployment {d.Id} names unknown provider kind '{d.ProviderKind}'.";
                }

                if (d.Weight <= 0)
                {
                    return $"Deployment {d.Id} has weight {d.Weight}; weights must be positive.";
                }

                if (d.ProviderKind != ProviderKinds.Mock
                    && UpstreamBaseUrl.Validate(d.BaseUrl ?? ProviderKinds.DefaultBaseUrl(d.ProviderKind ?? "", d.Settings)) is { } urlError)
                {
                    return $"Deployment {d.Id} has no usable BaseUrl (provider kind '{d.ProviderKind}'): {urlError}";
                }
            }
        }

        return null;
    }
}
