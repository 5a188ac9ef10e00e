namespace Switchyard.DataPlane.Limits;

/// <summary>The level a limit belongs to.</summary>
public enum LimitScope
{
    Key,
    Team,
    Tenant,
}
