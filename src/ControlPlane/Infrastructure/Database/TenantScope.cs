namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// The tenant the current request is confined to. Tenant routes set it (see <c>TenantScopeFilter</c>);
/// the DbContext's global query filters then hide every other tenant's rows as a backstop to explicit checks.
/// Background work (consumers, jobs, snapshot build) leaves it unset and sees every tenant.
/// </summary>
public sealed class TenantScope
{
    public Guid? TenantId { get; private set; }

    public void Restrict(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The request is already confined to another tenant.");
        }

        TenantId = tenantId;
    }
}
