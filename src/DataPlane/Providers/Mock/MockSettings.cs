using System.Globalization;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>Mock deployment settings: <c>latencyMs</c>, <c>tokensPerSecond</c>, <c>failStatus</c>.</summary>
public readonly record struct MockSettings(int LatencyMs, double TokensPerSecond, int? FailStatus)
{
    public static MockSettings From(RuntimeDeployment deployment) => new(
        Int(deployment.Setting("latencyMs")) ?? 0,
        double.TryParse(deployment.Setting("tokensPerSecond"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps > 0 ? tps : 0,
        Int(deployment.Setting("failStatus")) is { } status && status is >= 400 and <= 599 ? status : null);

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
}
