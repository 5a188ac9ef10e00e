using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>A public model name of one tenant, served by a pool of provider deployments.</summary>
/// <remarks>
/// Every member added after the first snapshots is left out of the JSON at its default, so older snapshots hash as before.
/// </remarks>
/// <param name="Strategy">Name of the routing policy, one of <see cref="RoutingStrategies"/>; "weighted" is the default.</param>
/// <param name="DropUnsupportedParams">
/// True: request parameters no deployment's model can serve (see <see cref="DeploymentSnapshot.Capabilities"/>) are dropped
/// before forwarding; false: such a request is answered 400.
/// </param>
/// <param name="Fallbacks">
/// Other public models of the same tenant tried in order, after this route's deployments, for a retryable failure
/// (translated to each one's provider). Null: none.
/// </param>
/// <param name="ContextWindowFallbacks">Public models tried when an upstream answers <c>context_length_exceeded</c>. Null: none.</param>
/// <param name="ContentPolicyFallbacks">Public models tried when an upstream refuses the content (content filter). Null: none.</param>
/// <param name="Sticky">
/// True: requests carrying the same session (OpenAI <c>user</c>, Anthropic <c>metadata.user_id</c> or the header
/// <c>x-switchyard-session</c>) keep going to the same deployment while it stays healthy, whatever the strategy.
/// </param>
/// <param name="Retry">Retry settings; null: <see cref="RouteRetrySettings.Default"/>.</param>
/// <param name="Timeouts">Timeouts; null: the node's defaults.</param>
/// <param name="Breaker">Circuit breaker settings; null: <see cref="BreakerSettings.Default"/>.</param>
public sealed record RouteSnapshot(
    Guid Id,
    Guid TenantId,
    string PublicModel,
    string Strategy,
    IReadOnlyList<DeploymentSnapshot> Deployments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DropUnsupportedParams = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Fallbacks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ContextWindowFallbacks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ContentPolicyFallbacks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Sticky = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RouteRetrySettings? Retry = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RouteTimeouts? Timeouts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BreakerSettings? Breaker = null);
