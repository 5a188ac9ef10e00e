using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Admin;

/// <summary>A provider credential; the secret is write-only and never returned.</summary>
public sealed record CredentialDto(Guid Id, Guid TenantId, string Name, string ProviderKind, string SecretHint, DateTimeOffset CreatedAt);

public sealed record CreateCredentialRequest(string Name, string ProviderKind, string Secret);

public sealed record DeploymentDto(
    Guid Id,
    string ProviderKind,
    string UpstreamModel,
    string? BaseUrl,
    Guid? CredentialId,
    int Weight,
    IReadOnlyDictionary<string, string> Settings,
    ModelCapabilities? Capabilities = null,
    int Priority = 0,
    decimal? InputPricePerMTok = null,
    decimal? OutputPricePerMTok = null,
    int? HealthCheckIntervalSeconds = null,
    string? Region = null);

/// <summary>One deployment of a route.</summary>
/// <param name="Capabilities">
/// Overrides the built-in catalog's capabilities of <paramref name="UpstreamModel"/> (GET /api/catalog/models) as a whole;
/// null uses the catalog.
/// </param>
/// <param name="Priority">For the priority strategy: lower tiers first (0–1000).</param>
/// <param name="InputPricePerMTok">USD per million input tokens for the cost strategy; null uses the pricing catalog.</param>
/// <param name="OutputPricePerMTok">USD per million output tokens for the cost strategy; null uses the pricing catalog.</param>
/// <param name="HealthCheckIntervalSeconds">Active health check interval on each node (5–3600); null: off.</param>
/// <param name="Region">Where the deployment processes data (e.g. <c>eu-west</c>); policies may require regions.</param>
public sealed record DeploymentRequest(
    string ProviderKind,
    string UpstreamModel,
    string? BaseUrl = null,
    Guid? CredentialId = null,
    int Weight = 1,
    IReadOnlyDictionary<string, string>? Settings = null,
    ModelCapabilities? Capabilities = null,
    int Priority = 0,
    decimal? InputPricePerMTok = null,
    decimal? OutputPricePerMTok = null,
    int? HealthCheckIntervalSeconds = null,
    string? Region = null);

/// <summary>A route as stored; the resilience fields are those of <see cref="RouteRequest"/> (null: defaults).</summary>
public sealed record RouteDto(
    Guid Id,
    Guid TenantId,
    string PublicModel,
    string Strategy,
    IReadOnlyList<DeploymentDto> Deployments,
    bool DropUnsupportedParams = false,
    IReadOnlyList<string>? Fallbacks = null,
    IReadOnlyList<string>? ContextWindowFallbacks = null,
    IReadOnlyList<string>? ContentPolicyFallbacks = null,
    bool Sticky = false,
    RouteRetrySettings? Retry = null,
    RouteTimeouts? Timeouts = null,
    BreakerSettings? Breaker = null);

/// <summary>Creates or replaces a route (public model name → deployments).</summary>
/// <param name="Strategy">One of <see cref="RoutingStrategies.All"/>.</param>
/// <param name="DropUnsupportedParams">
/// True: the gateway drops request parameters no deployment's model can serve; false (default): it answers 400.
/// </param>
/// <param name="Fallbacks">Other public models of the tenant tried in order after this route's deployments (at most 8).</param>
/// <param name="ContextWindowFallbacks">Public models tried when the input is too long for the model.</param>
/// <param name="ContentPolicyFallbacks">Public models tried when the provider's content filter refuses the request.</param>
/// <param name="Sticky">Keep a session (OpenAI <c>user</c>, Anthropic <c>metadata.user_id</c>, header <c>x-switchyard-session</c>) on one deployment.</param>
/// <param name="Retry">Retry settings; null: the defaults of <see cref="RouteRetrySettings"/>.</param>
/// <param name="Timeouts">Per-attempt and total timeouts; null: the node's defaults.</param>
/// <param name="Breaker">Per-deployment circuit breaker settings; null: the defaults of <see cref="BreakerSettings"/>.</param>
public sealed record RouteRequest(
    string PublicModel,
    IReadOnlyList<DeploymentRequest> Deployments,
    string Strategy = RoutingStrategies.Weighted,
    bool DropUnsupportedParams = false,
    IReadOnlyList<string>? Fallbacks = null,
    IReadOnlyList<string>? ContextWindowFallbacks = null,
    IReadOnlyList<string>? ContentPolicyFallbacks = null,
    bool Sticky = false,
    RouteRetrySettings? Retry = null,
    RouteTimeouts? Timeouts = null,
    BreakerSettings? Breaker = null);
