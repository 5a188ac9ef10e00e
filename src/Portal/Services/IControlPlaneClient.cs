using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>
/// The admin API as the portal uses it. Every call except <see cref="LoginAsync"/> sends the signed-in member's bearer token.
/// Failures throw <see cref="ControlPlaneException"/> with a message for the user.
/// </summary>
public interface IControlPlaneClient
{
    Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default);

    Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TeamDto>> GetTeamsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<TeamDto> CreateTeamAsync(Guid tenantId, CreateTeamRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KeyDto>> GetKeysAsync(Guid tenantId, Guid? teamId, CancellationToken cancellationToken = default);

    Task<CreatedKeyDto> CreateKeyAsync(Guid tenantId, CreateKeyRequest request, CancellationToken cancellationToken = default);

    Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RouteDto>> GetRoutesAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageRecordDto>> GetUsageAsync(Guid tenantId, Guid? keyId, int limit = 100, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageKeyTotalsDto>> GetUsageByKeyAsync(Guid tenantId, CancellationToken cancellationToken = default);
}
