namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>How old a node's health report may be and still count.</summary>
public static class RouteHealth
{
    /// <summary>
    /// A node reports every few seconds; a row older than this is from a node that stopped (or cannot reach the bus) and is
    /// left out of GET .../routes/{id}/health. Reports older than this are not stored.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Rows of a node silent this long are deleted by <see cref="DeploymentHealthPurgeJob"/>.</summary>
    public static readonly TimeSpan RetainFor = TimeSpan.FromDays(1);
}
