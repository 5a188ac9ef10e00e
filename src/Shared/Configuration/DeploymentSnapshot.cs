using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>One upstream that can serve a route.</summary>
/// <param name="ProviderKind">See <see cref="ProviderKinds"/>.</param>
/// <param name="UpstreamModel">The model id sent to the provider.</param>
/// <param name="BaseUrl">Provider base URL including any version segment (e.g. https://api.openai.com/v1); null for mock.</param>
/// <param name="CredentialId">The credential whose secret authenticates to the provider; null when none is needed.</param>
/// <param name="Settings">Provider-specific settings (e.g. mock latencyMs, tokensPerSecond).</param>
/// <param name="Capabilities">
/// What the upstream model can serve: the deployment's override, else the control plane's built-in model catalog entry (the control
/// plane always fills it; null only in snapshots written before it existed, which is why it is left out of the JSON when null
/// and so of the hash of such snapshots).
/// </param>
/// <param name="Priority">For the <c>priority</c> strategy: lower values are tried first (0 = the first tier).</param>
/// <param name="InputPricePerMTok">USD per million input tokens, for the <c>cost</c> strategy; null: the pricing catalog's, if any.</param>
/// <param name="OutputPricePerMTok">USD per million output tokens, for the <c>cost</c> strategy; null: the pricing catalog's, if any.</param>
/// <param name="HealthCheckIntervalSeconds">Active health check (a models-list request) every this many seconds on each node; null: off.</param>
/// <param name="Price">
/// The effective price the control plane resolved (explicit deployment price &gt; tenant override &gt; pricing catalog): read by
/// the <c>cost</c> strategy and for the cost of every usage record. Null when no level prices the model (and in older snapshots).
/// </param>
/// <param name="Region">Where the deployment processes data (e.g. <c>eu-west</c>), for policies that require regions; null: unknown.</param>
public sealed record DeploymentSnapshot(
    Guid Id,
    string ProviderKind,
    string UpstreamModel,
    string? BaseUrl,
    Guid? CredentialId,
    int Weight,
    IReadOnlyDictionary<string, string> Settings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelCapabilities? Capabilities = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Priority = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? InputPricePerMTok = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? OutputPricePerMTok = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HealthCheckIntervalSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeploymentPrice? Price = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region = null);
