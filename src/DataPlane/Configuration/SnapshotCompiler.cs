using System.Collections.Frozen;
using System.Security.Cryptography;
using Switchyard.DataPlane.Guardrails;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;
using Switchyard.Shared.Keys;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Validates a <see cref="ConfigSnapshot"/> and compiles it into a <see cref="RuntimeSnapshot"/>. Only problems of the
/// whole snapshot (schema version, content hash) reject it. An item of one tenant that breaks the rules every node applies
/// (<see cref="RouteRules"/>, <see cref="RouteResilienceRules"/>, <see cref="DeploymentRules"/>, <see cref="CredentialRules"/>) is left out and listed in
/// <see cref="RuntimeSnapshot.Rejected"/>, and everything else is served: a deployment is dropped from its route; a route
/// that is itself invalid, or whose every deployment was dropped, stays as unavailable (its model answers 503); a credential
/// that cannot be unsealed or used is dropped with the deployments that need it; keys sharing a hash are dropped.
/// </summary>
public sealed class SnapshotCompiler(SecretSealer sealer)
{
    /// <summary>
    /// The compiler of a node whose providers serve <paramref name="providerKinds"/> and whose routing policies are named
    /// <paramref name="routingPolicies"/>: refuses to start a node that lacks one of the kinds or strategies the control
    /// plane accepts (<see cref="ProviderKinds.All"/>, <see cref="RoutingStrategies.All"/>), since it would drop routes it
    /// was meant to serve.
    /// </summary>
    public static SnapshotCompiler ForNode(SecretSealer sealer, IReadOnlyCollection<string> providerKinds, IReadOnlyCollection<string> routingPolicies)
    {
        EnsureServes("provider kinds", ProviderKinds.All, providerKinds);
        EnsureServes("routing strategies", RoutingStrategies.All, routingPolicies);
        return new SnapshotCompiler(sealer);
    }

    /// <summary>Returns the compiled snapshot, or null with the reason the whole snapshot was rejected.</summary>
    public RuntimeSnapshot? Compile(ConfigSnapshot snapshot, out string? error)
    {
        error = ValidateWhole(snapshot);
        if (error is not null)
        {
            return null;
        }

        var rejected = new List<RejectedConfigItem>();
        var credentials = CompileCredentials(snapshot.Credentials, rejected);
        var keys = CompileKeys(snapshot.Keys, rejected);
        var routes = new Dictionary<(Guid, string), RuntimeRoute>(snapshot.Routes.Count);
        var scratch = new List<ConfigFieldError>();
        foreach (var route in snapshot.Routes)
        {
            var compiled = CompileRoute(route, credentials, snapshot.ApprovedModels, scratch, rejected);
            if (string.IsNullOrEmpty(route.PublicModel))
            {
                continue;
            }

            if (!routes.TryAdd((route.TenantId, route.PublicModel), compiled))
            {
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Route, route.Id, route.TenantId,
                    $"Route '{route.PublicModel}' was left out: the tenant already has a route for this model."));
            }
        }

        var policies = PolicyIndex.Compile(snapshot.Policies, credentials, rejected);
        var byTenant = routes.Values.GroupBy(r => r.Snapshot.TenantId)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.PublicModel, StringComparer.Ordinal).ToArray());

        return new RuntimeSnapshot(
            snapshot,
            keys.ToFrozenDictionary(StringComparer.Ordinal),
            snapshot.Tenants.DistinctBy(t => t.Id).ToFrozenDictionary(t => t.Id),
            snapshot.Teams.DistinctBy(t => t.Id).ToFrozenDictionary(t => t.Id),
            routes.ToFrozenDictionary(),
            byTenant,
            rejected,
            policies);
    }

    private static void EnsureServes(string what, IEnumerable<string> accepted, IReadOnlyCollection<string> served)
    {
        var missing = accepted.Where(a => !served.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"This node cannot serve the {what} {string.Join(", ", missing)} that the control plane accepts.");
        }
    }

    private static string? ValidateWhole(ConfigSnapshot snapshot)
    {
        if (snapshot.SchemaVersion != ConfigSnapshot.CurrentSchemaVersion)
        {
            return $"Unsupported schema version {snapshot.SchemaVersion} (this node understands {ConfigSnapshot.CurrentSchemaVersion}).";
        }

        var hash = ConfigSnapshotHash.Compute(snapshot);
        return string.Equals(hash, snapshot.Hash, StringComparison.Ordinal)
            ? null
            : $"Hash mismatch for revision {snapshot.Revision}: content hashes to {hash}, snapshot says {snapshot.Hash}.";
    }

    /// <summary>The usable credentials by id, with their secrets unsealed.</summary>
    private Dictionary<Guid, (CredentialSnapshot Credential, string Secret)> CompileCredentials(
        IReadOnlyList<CredentialSnapshot> credentials, List<RejectedConfigItem> rejected)
    {
        var usable = new Dictionary<Guid, (CredentialSnapshot, string)>(credentials.Count);
        foreach (var group in credentials.GroupBy(c => c.Id))
        {
            var credential = group.First();
            if (group.Skip(1).Any())
            {
                rejected.AddRange(group.Select(c => new RejectedConfigItem(RejectedConfigItem.Credential, c.Id, c.TenantId,
                    "The credential id appears more than once in the snapshot; no copy is used.")));
                continue;
            }

            string secret;
            try
            {
                secret = sealer.Unseal(credential.SealedSecret);
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Credential, credential.Id, credential.TenantId,
                    "The credential cannot be unsealed with this node's secret (DataPlane:NodeSecret must equal ControlPlane:NodeSecret)."));
                continue;
            }

            var errors = new List<ConfigFieldError>();
            CredentialRules.Validate(credential.ProviderKind, secret, errors);
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Credential, credential.Id, credential.TenantId,
                    "The credential was left out: " + string.Join("; ", errors)));
                continue;
            }

            usable[credential.Id] = (credential, secret);
        }

        return usable;
    }

    /// <summary>
    /// Keys by hash, a rotated key also by the hash of the secret it replaced (see <see cref="KeySnapshot.PreviousHash"/>).
    /// Keys that share a hash are all left out: none of them can be told apart from the others.
    /// </summary>
    private static Dictionary<string, KeySnapshot> CompileKeys(IReadOnlyList<KeySnapshot> keys, List<RejectedConfigItem> rejected)
    {
        var byHash = new Dictionary<string, KeySnapshot>(keys.Count, StringComparer.Ordinal);
        HashSet<string>? shared = null;
        foreach (var key in keys)
        {
            if (!byHash.TryAdd(key.Hash, key))
            {
                (shared ??= new HashSet<string>(StringComparer.Ordinal)).Add(key.Hash);
            }

            if (key.PreviousHash is { } previous && !byHash.TryAdd(previous, key))
            {
                (shared ??= new HashSet<string>(StringComparer.Ordinal)).Add(previous);
            }
        }

        foreach (var hash in shared ?? [])
        {
            byHash.Remove(hash);
            rejected.AddRange(keys.Where(k => k.Hash == hash || k.PreviousHash == hash).Select(k => new RejectedConfigItem(RejectedConfigItem.Key, k.Id, k.TenantId,
                "Another key in the snapshot has the same hash; neither is accepted.")));
        }

        return byHash;
    }

    /// <param name="errors">A scratch list, emptied before each use.</param>
    private static RuntimeRoute CompileRoute(
        RouteSnapshot route, Dictionary<Guid, (CredentialSnapshot Credential, string Secret)> credentials, IReadOnlyList<ApprovedModelSnapshot>? approved,
        List<ConfigFieldError> errors, List<RejectedConfigItem> rejected)
    {
        errors.Clear();
        RouteRules.Validate(route.PublicModel, route.Strategy, route.Deployments.Count, errors);
        RouteResilienceRules.Validate(route.PublicModel, route.Fallbacks, route.ContextWindowFallbacks, route.ContentPolicyFallbacks,
            route.Retry, route.Timeouts, route.Breaker, errors);
        if (errors.Count > 0)
        {
            return Unavailable(route, string.Join("; ", errors), rejected);
        }

        var deployments = new RuntimeDeployment[route.Deployments.Count];
        var kept = 0;
        var unapproved = 0;
        List<string>? dropped = null;
        for (var i = 0; i < route.Deployments.Count; i++)
        {
            var d = route.Deployments[i];
            errors.Clear();
            DeploymentRules.Validate(d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.Weight, d.Settings, errors);
            RouteResilienceRules.ValidateDeployment(d.Priority, d.InputPricePerMTok, d.OutputPricePerMTok, d.HealthCheckIntervalSeconds, errors);
            RouteResilienceRules.ValidatePrice(d.Price, errors);
            string? secret = null;
            if (d.CredentialId is { } credentialId && errors.Count == 0)
            {
                if (!credentials.TryGetValue(credentialId, out var credential) || credential.Credential.TenantId != route.TenantId)
                {
                    errors.Add(new ConfigFieldError("credentialId", "The credential is not in this tenant's snapshot or was left out."));
                }
                else if (!CredentialRules.IsCompatible(credential.Credential.ProviderKind, d.ProviderKind))
                {
                    errors.Add(new ConfigFieldError("credentialId",
                        $"The credential is for provider kind '{credential.Credential.ProviderKind}', not '{d.ProviderKind}'."));
                }
                else
                {
                    secret = credential.Secret;
                }
            }

            if (errors.Count == 0 && ApprovedModelSnapshot.Refusal(approved, d) is { } refusal)
            {
                // The platform's approved models hold on every node, whatever the route was saved with.
                unapproved++;
                (dropped ??= []).Add(refusal);
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Deployment, d.Id, route.TenantId,
                    $"Deployment {i} of route '{route.PublicModel}' was left out: {refusal}"));
                continue;
            }

            if (errors.Count > 0)
            {
                var reason = string.Join("; ", errors.Select(e => $"deployments[{i}].{e}"));
                (dropped ??= []).Add(reason);
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Deployment, d.Id, route.TenantId,
                    $"Deployment {i} of route '{route.PublicModel}' was left out: {reason}"));
                continue;
            }

            deployments[kept++] = new RuntimeDeployment(d, secret);
        }

        if (kept == 0 && unapproved == route.Deployments.Count)
        {
            return new RuntimeRoute(route, [], string.Join("; ", dropped!.Distinct(StringComparer.Ordinal))) { NotApproved = true };
        }

        return kept == 0
            ? Unavailable(route, "every deployment was left out (" + string.Join("; ", dropped!) + ")", rejected)
            : new RuntimeRoute(route, kept == deployments.Length ? deployments : deployments[..kept]);
    }

    private static RuntimeRoute Unavailable(RouteSnapshot route, string reason, List<RejectedConfigItem> rejected)
    {
        rejected.Add(new RejectedConfigItem(RejectedConfigItem.Route, route.Id, route.TenantId,
            $"Route '{route.PublicModel}' is unavailable (its model answers 503): {reason}"));
        return new RuntimeRoute(route, [], reason);
    }
}
