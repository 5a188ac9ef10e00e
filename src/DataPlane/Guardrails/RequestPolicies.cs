using Switchyard.Governance.Policies;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>What applies to a request: none, the merged <see cref="Set"/>, or a policy this node cannot enforce (<see cref="MissingPolicy"/>).</summary>
public sealed record RequestPolicies(PolicySet? Set, Guid? MissingPolicy)
{
    public static readonly RequestPolicies None = new(null, null);

    public static RequestPolicies Unavailable(Guid policyId) => new(null, policyId);
}
