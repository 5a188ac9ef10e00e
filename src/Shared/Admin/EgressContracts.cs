namespace Switchyard.Shared.Admin;

/// <summary>
/// The platform's egress allow-list (GET/PUT /api/platform/egress, platform admins): destinations that data-plane nodes
/// may connect to although they are not public (loopback, private, link-local, unique-local…), e.g. a self-hosted vLLM.
/// </summary>
/// <param name="AllowedHosts">Host names (<c>vllm.internal</c>) or every name under a domain (<c>*.models.internal</c>).</param>
/// <param name="AllowedNetworks">Networks in CIDR form (<c>10.20.0.0/16</c>, <c>192.168.1.20/32</c>, <c>fd00::/8</c>).</param>
/// <param name="UpdatedAt">When it was last changed; null when never set.</param>
/// <param name="UpdatedBy">Who changed it last ("member:…" or "admin-key:…"); null when never set.</param>
public sealed record EgressPolicyDto(
    IReadOnlyList<string> AllowedHosts, IReadOnlyList<string> AllowedNetworks, DateTimeOffset? UpdatedAt = null, string? UpdatedBy = null);

/// <summary>Replaces the platform's egress allow-list as a whole; entries are stored in normal form, duplicates removed.</summary>
public sealed record EgressPolicyRequest(IReadOnlyList<string>? AllowedHosts = null, IReadOnlyList<string>? AllowedNetworks = null);
