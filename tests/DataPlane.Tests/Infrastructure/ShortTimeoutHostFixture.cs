namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>A node whose upstream activity timeout is one second.</summary>
public sealed class ShortTimeoutHostFixture : DataPlaneHostFixture
{
    protected override double UpstreamTimeoutSeconds => 1;
}
