namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>A row that belongs to one tenant; filtered by the request's tenant scope as a backstop.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
