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
    IReadOnlyDictionary<string, string> Settings);

public sealed record DeploymentRequest(
    string ProviderKind,
    string UpstreamModel,
    string? BaseUrl = null,
    Guid? CredentialId = null,
    int Weight = 1,
    IReadOnlyDictionary<string, string>? Settings = null);

public sealed record RouteDto(Guid Id, Guid TenantId, string PublicModel, string Strategy, IReadOnlyList<DeploymentDto> Deployments);

/// <summary>Creates or replaces a route (public model name → deployments).</summary>
public sealed record RouteRequest(string PublicModel, IReadOnlyList<DeploymentRequest> Deployments, string Strategy = "weighted");
