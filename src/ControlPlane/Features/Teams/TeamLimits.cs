using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>What the tenant allows a team admin to set: rate limits no higher than the tenant's own.</summary>
internal static class TeamLimits
{
    /// <summary>The first limit of <paramref name="team"/> above the tenant's or null.</summary>
    public static string? Exceeds(RateLimits team, RateLimits? tenant)
    {
        if (tenant is null)
        {
            return null;
        }

        if (Above(team.RequestsPerMinute, tenant.RequestsPerMinute))
        {
            return "requestsPerMinute";
        }

        if (Above(team.TokensPerMinute, tenant.TokensPerMinute))
        {
            return "tokensPerMinute";
        }

        return Above(team.MaxConcurrent, tenant.MaxConcurrent) ? "maxConcurrent" : null;
    }

    /// <summary>A team without a limit is held to the tenant's anyway; a tenant without one allows anything.</summary>
    private static bool Above(long? team, long? tenant) => tenant is { } max && team is { } value && value > max;
}
