using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>A virtual key as the data plane sees it: only the hash (see <c>Keys.VirtualKeyHash</c>), never the key.</summary>
/// <param name="AllowedModels">Public model names this key may call; empty means every model routed for its tenant.</param>
/// <param name="Limits">The key's rate limits; null (left out of the JSON, so older snapshots hash as before) for none.</param>
/// <param name="Tags">Attribution tags stored on every usage record of the key (see <see cref="TagRules"/>); null: none.</param>
/// <param name="PolicyIds">Policies the key's requests are held to beside its team's and tenant's; null: none.</param>
/// <param name="UseCase">What the key is for (e.g. <c>customer-support</c>), matched against policies' use-case rules; null: none.</param>
/// <param name="AllowRequestTags">Requests may add tags with the <c>x-switchyard-tags</c> header.</param>
/// <param name="Budget">The key's budget; null (left out of the JSON) for none.</param>
/// <param name="PreviousHash">
/// After a rotation, the hash of the secret it replaced, accepted until <paramref name="PreviousExpiresAt"/> by the node's
/// own clock; null (left out of the JSON) otherwise.
/// </param>
public sealed record KeySnapshot(
    Guid Id,
    string Hash,
    string Prefix,
    Guid TenantId,
    Guid TeamId,
    IReadOnlyList<string> AllowedModels,
    KeyStatus Status,
    DateTimeOffset? ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RateLimits? Limits = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tags = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AllowRequestTags = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? PolicyIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UseCase = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Budget? Budget = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousHash = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PreviousExpiresAt = null);
