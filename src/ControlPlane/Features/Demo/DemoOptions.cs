namespace Switchyard.ControlPlane.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed a demo tenant, routes to the mock provider, an admin member and a key on first start.</summary>
    public bool Enabled { get; set; }

    public string PortalUrl { get; set; } = "http://localhost:5000";

    /// <summary>The gateway's base address without /v1.</summary>
    public string GatewayUrl { get; set; } = "http://localhost:5000";
}
