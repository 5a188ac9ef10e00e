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
    public static readonly PolicyIndex Empty = new(FrozenDictionary<Guid, CompiledPolicy>.Empty);

    private readonly FrozenDictionary<Guid, CompiledPolicy> _policies;
    private readonly ConcurrentDictionary<Guid, RequestPolicies> _byKey = new();

    private PolicyIndex(FrozenDictionary<Guid, CompiledPolicy> policies) => _policies = policies;

    /// <summary>No tenant has a policy: the guard stage costs one check.</summary>
    public bool IsEmpty => _policies.Count == 0;

    public static PolicyIndex Compile(IReadOnlyList<PolicySnapshot>? policies, List<RejectedConfigItem> rejected)
    {
        if (policies is not { Count: > 0 })
        {
            return Empty;
        }

        var compiled = new Dictionary<Guid, CompiledPolicy>(policies.Count);
        foreach (var policy in policies)
        {
            if (CompiledPolicy.TryCompile(policy, out var errors) is { } ok)
            {
                compiled.TryAdd(policy.Id, ok);
            }
            else
            {
                rejected.Add(new RejectedConfigItem(RejectedConfigItem.Policy, policy.Id, policy.TenantId,
                    $"Policy '{policy.Name}' was left out (requests held to it are refused): {string.Join("; ", errors)}"));
            }
        }

        return new PolicyIndex(compiled.ToFrozenDictionary());
    }

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
