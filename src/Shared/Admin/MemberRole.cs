namespace Switchyard.Shared.Admin;

public enum MemberRole
{
    Developer = 0,
    Finance = 1,
    TenantAdmin = 2,
    PlatformAdmin = 3,

    /// <summary>Reads the tenant's audit log and nothing else.</summary>
    Auditor = 4,
}
