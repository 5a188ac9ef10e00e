using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// Everything a data-plane node needs to serve requests, compiled by the control plane for one revision.
/// Immutable once built. Provider secrets inside are sealed with the node secret (see <see cref="CredentialSnapshot"/>).
/// </summary>
public sealed record ConfigSnapshot
{
    /// <summary>The schema version this build of the code writes and understands.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public long Revision { get; init; }

    /// <summary>Hex SHA-256 of the snapshot content (everything but <see cref="Hash"/> and <see cref="CreatedAt"/>).</summary>
    public string Hash { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<TenantSnapshot> Tenants { get; init; } = [];
    public IReadOnlyList<TeamSnapshot> Teams { get; init; } = [];
    public IReadOnlyList<KeySnapshot> Keys { get; init; } = [];
    public IReadOnlyList<RouteSnapshot> Routes { get; init; } = [];
    public IReadOnlyList<CredentialSnapshot> Credentials { get; init; } = [];

    /// <summary>
    /// The platform's egress allow-list (set by platform admins), applied by every node in addition to its own
    /// configuration; null when empty, and then left out of the JSON so snapshots without one hash as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EgressSnapshot? Egress { get; init; }

    /// <summary>Every tenant's policies (see <see cref="PolicySnapshot"/>); null when there are none, and then left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PolicySnapshot>? Policies { get; init; }

    /// <summary>
    /// The platform's approved upstream models; null when none is listed (every model may be served), and then left out of
    /// the JSON. Nodes refuse requests that only unapproved deployments could serve.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApprovedModelSnapshot>? ApprovedModels { get; init; }
}
