namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>One data-plane node and fake upstream shared by the tests of a class.</summary>
public class DataPlaneHostFixture : IAsyncLifetime
{
    internal DataPlaneTestHost Host { get; private set; } = null!;

    protected virtual double UpstreamTimeoutSeconds => 30;

    public async Task InitializeAsync() => Host = await DataPlaneTestHost.StartAsync(UpstreamTimeoutSeconds);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
