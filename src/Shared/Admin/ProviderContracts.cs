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
    ModelCapabilities? Capabilities = null);

/// <summary>One deployment of a route.</summary>
/// <param name="Capabilities">
/// Overrides the built-in catalog's capabilities of <paramref name="UpstreamModel"/> (GET /api/catalog/models) as a whole;
/// null uses the catalog.
/// </param>
public sealed record DeploymentRequest(
    string ProviderKind,
    string UpstreamModel,
    string? BaseUrl = null,
    Guid? CredentialId = null,
    int Weight = 1,
    IReadOnlyDictionary<string, string>? Settings = null,
    ModelCapabilities? Capabilities = null);

public sealed record RouteDto(
    Guid Id, Guid TenantId, string PublicModel, string Strategy, IReadOnlyList<DeploymentDto> Deployments, bool DropUnsupportedParams = false);

/// <summary>Creates or replaces a route (public model name → deployments).</summary>
/// <param name="DropUnsupportedParams">
/// True: the gateway drops request parameters a deployment's model cannot serve; false (default): it answers 400.
/// </param>
public sealed record RouteRequest(
    string PublicModel, IReadOnlyList<DeploymentRequest> Deployments, string Strategy = RoutingStrategies.Weighted, bool DropUnsupportedParams = false);
