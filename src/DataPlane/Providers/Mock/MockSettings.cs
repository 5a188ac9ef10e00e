using System.Globalization;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>
/// Mock deployment settings: <c>latencyMs</c> before answering, <c>tokensPerSecond</c> when streaming, <c>failStatus</c>
/// (answer with that upstream HTTP status), <c>failAfterTokens</c> (break the stream after that many tokens),
/// <c>dimensions</c> (embedding size, default 256). Parsed once per deployment.
/// </summary>
public sealed record MockSettings(int LatencyMs, double TokensPerSecond, int? FailStatus, int? FailAfterTokens, int Dimensions)
{
    public static MockSettings Of(RuntimeDeployment deployment) => deployment.ProviderState(Parse);

    private static MockSettings Parse(RuntimeDeployment deployment) => new(
        Int(deployment.Setting("latencyMs")) ?? 0,
        double.TryParse(deployment.Setting("tokensPerSecond"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tps) && tps > 0 ? tps : 0,
        Int(deployment.Setting("failStatus")) is { } status && status is >= 400 and <= 599 ? status : null,
        Int(deployment.Setting("failAfterTokens")),
        Int(deployment.Setting("dimensions")) is { } d && d is > 0 and <= 8192 ? d : 256);

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
}
