using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// Which of the tenant's keys a caller may see and change. Tenant and platform admins, finance (reads only: their policy
/// admits no writes) and admin keys see every team; a developer sees only the teams they belong to, and another team's key
/// answers 404 as if it did not exist. Within a team, a member changes service keys and their own personal keys; another
/// member's personal key only a team admin (403).
/// </summary>
internal sealed class KeyScope
{
    private readonly Caller _caller;
    private readonly IReadOnlyDictionary<Guid, TeamRole>? _teams;

    private KeyScope(Caller caller, IReadOnlyDictionary<Guid, TeamRole>? teams)
    {
        _caller = caller;
        _teams = teams;
    }

    /// <summary>The caller's teams with their team role; null when the caller is not confined to teams.</summary>
    public IReadOnlyDictionary<Guid, TeamRole>? Teams => _teams;

    public static async Task<KeyScope> ForAsync(Caller caller, Guid tenantId, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (caller.IsTenantAdmin || caller.IsAdminKey || caller.Role != MemberRole.Developer)
        {
            return new KeyScope(caller, null);
        }

        var teams = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.MemberId == caller.SubjectId)
            .ToDictionaryAsync(m => m.TeamId, m => m.Role, cancellationToken);
        return new KeyScope(caller, teams);
    }

    public bool CanSeeTeam(Guid teamId) => _teams is null || _teams.ContainsKey(teamId);

    public bool CanSee(VirtualKey key) => CanSeeTeam(key.TeamId);

    /// <summary>Narrows a key query to the teams the caller may see.</summary>
    public IQueryable<VirtualKey> Filter(IQueryable<VirtualKey> keys)
    {
        if (_teams is null)
        {
            return keys;
        }

        var ids = _teams.Keys.ToList();
        return keys.Where(k => ids.Contains(k.TeamId));
    }

    /// <summary>
    /// Narrows usage (records or rollups) to that of keys the caller may account for: a developer's teams' keys and their
    /// own personal keys (also those of a team they have since left); everyone else's scope is the whole tenant.
    /// </summary>
    public IQueryable<T> FilterUsage<T>(IQueryable<T> records, IQueryable<VirtualKey> keys)
        where T : class, IKeyAttributed
    {
        if (_teams is null)
        {
            return records;
        }

        var ids = _teams.Keys.ToList();
        var me = _caller.SubjectId;
        return records.Where(u => ids.Contains(u.TeamId) || keys.Any(k => k.Id == u.KeyId && k.OwnerMemberId == me));
    }

    /// <summary>403 when the key is another member's personal key and the caller is no admin of its team; null when allowed.</summary>
    public ProblemHttpResult? RefuseChange(VirtualKey key)
    {
        if (_teams is null || key.OwnerMemberId is not { } owner || owner == _caller.SubjectId
            || (_teams.TryGetValue(key.TeamId, out var role) && role == TeamRole.TeamAdmin))
        {
            return null;
        }

        return Problems.Forbidden("This is another member's personal key; only its owner or a team admin can change it.");
    }
}
