using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:TracingSamplingRatio", "1.5")]
    [InlineData("Telemetry:ScrapeToken", "short")]
    [InlineData("Telemetry:MetricsPort", "70000")]
    public async Task Start_InvalidSetting_StopsTheNodeNamingIt(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { [setting] = value });
        });

        Assert.Contains(setting.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
