using System.Collections.Concurrent;
using System.Collections.Frozen;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// A snapshot's policies, compiled once when the snapshot is applied: an invalid policy is left out and reported, and a
/// request held to a policy this node does not have (left out, or of another tenant) is refused rather than let through.
/// The merged <see cref="PolicySet"/> of a key is built on its first request and kept for the snapshot's lifetime.
/// </summary>
public sealed class PolicyIndex
{
    public static readonly PolicyIndex Empty = new(FrozenDictionary<Guid, CompiledPolicy>.Empty, FrozenDictionary<Guid, string>.Empty, anyLeftOut: false);

    private readonly FrozenDictionary<Guid, CompiledPolicy> _policies;
    private readonly FrozenDictionary<Guid, string> _secrets;
    private readonly ConcurrentDictionary<Guid, RequestPolicies> _byKey = new();

    private PolicyIndex(FrozenDictionary<Guid, CompiledPolicy> policies, FrozenDictionary<Guid, string> secrets, bool anyLeftOut)
    {
        _policies = policies;
        _secrets = secrets;
        IsEmpty = policies.Count == 0 && !anyLeftOut;
    }

    /// <summary>
    /// No tenant has a policy: the guard stage costs one check. Not empty when every policy was left out: requests held to
    /// them must still be refused.
    /// </summary>
    public bool IsEmpty { get; }

    /// <param name="credentials">The snapshot's usable credentials with their secrets: a moderation guardrail must name one of its own tenant's.</param>
    public static PolicyIndex Compile(
        IReadOnlyList<PolicySnapshot>? policies, IReadOnlyDictionary<Guid, (CredentialSnapshot Credential, string Secret)> credentials, List<RejectedConfigItem> rejected)
    {
        if (policies is not { Count: > 0 })
        {
            return Empty;
        }

        var compiled = new Dictionary<Guid, CompiledPolicy>(policies.Count);
        var secrets = new Dictionary<Guid, string>();
        foreach (var policy in policies)
        {
            if (CompiledPolicy.TryCompile(policy, out var errors) is { } ok)
            {
                var missing = ok.Guardrails.FirstOrDefault(g => g.CredentialId is { } id
                    && !(credentials.TryGetValue(id, out var credential) && credential.Credential.TenantId == policy.TenantId));
                if (missing is not null)
                {
                    rejected.Add(new RejectedConfigItem(RejectedConfigItem.Policy, policy.Id, policy.TenantId,
                        $"Policy '{policy.Name}' was left out (requests held to it are refused): guardrail '{missing.Name}' names credential {missing.CredentialId}, which is not a usable credential of the tenant."));
                    continue;
                }

                foreach (var id in ok.Guardrails.Select(g => g.CredentialId).OfType<Guid>())
                {
                    secrets[id] = credentials[id].Secret;
                }

                compiled.TryAdd(policy.Id, ok);
            }
            else
            {
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Policy, policy.Id, policy.TenantId,
                    $"Policy '{policy.Name}' was left out (requests held to it are refused): {string.Join("; ", errors)}"));
            }
        }

        return new PolicyIndex(compiled.ToFrozenDictionary(), secrets.ToFrozenDictionary(), anyLeftOut: compiled.Count < policies.Count);
    }

    /// <summary>The secret of a credential a moderation guardrail names (checked at compile time to be its tenant's).</summary>
    public string? CredentialSecret(Guid credentialId) => _secrets.GetValueOrDefault(credentialId);

    /// <summary>The policies that apply to a request of <paramref name="key"/>: the tenant's default, the team's, the key's.</summary>
    public RequestPolicies For(KeySnapshot key, TeamSnapshot? team, TenantSnapshot? tenant)
    {
        if (tenant?.DefaultPolicyId is null && team?.PolicyIds is null && key.PolicyIds is null)
        {
            return RequestPolicies.None;
        }

        return _byKey.GetOrAdd(key.Id, static (_, state) => state.Index.Resolve(state.Key, state.Team, state.Tenant), (Index: this, Key: key, Team: team, Tenant: tenant));
    }

    private RequestPolicies Resolve(KeySnapshot key, TeamSnapshot? team, TenantSnapshot? tenant)
    {
        var ids = new List<Guid>();
        if (tenant?.DefaultPolicyId is { } byDefault)
        {
            ids.Add(byDefault);
        }

        ids.AddRange(team?.PolicyIds ?? []);
        ids.AddRange(key.PolicyIds ?? []);
        var policies = new List<CompiledPolicy>(ids.Count);
        foreach (var id in ids.Distinct())
        {
            if (!_policies.TryGetValue(id, out var policy) || policy.TenantId != key.TenantId)
            {
                return RequestPolicies.Unavailable(id);
            }

            policies.Add(policy);
        }

        return policies.Count == 0 ? RequestPolicies.None : new RequestPolicies(new PolicySet(policies), null);
    }
}
