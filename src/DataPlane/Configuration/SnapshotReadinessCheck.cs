using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Ready once the node holds a config snapshot that is not stale (see <see cref="SnapshotStaleness"/>). Reports the
/// revision and its age — the time since the control plane last confirmed it as current — either way.
/// </summary>
public sealed class SnapshotReadinessCheck(SnapshotStore store, SnapshotStaleness staleness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store.Current is not { } snapshot)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No config snapshot loaded yet."));
        }

        var confirmedAt = store.ConfirmedAt;
        var age = staleness.AgeOf(confirmedAt);
        var data = new Dictionary<string, object>
        {
            ["revision"] = snapshot.Revision,
            ["snapshotAgeSeconds"] = age is { } a ? Math.Round(a.TotalSeconds, 1) : -1,
            ["maxSnapshotAgeSeconds"] = staleness.MaxAge?.TotalSeconds ?? 0,
        };
        if (confirmedAt is { } at)
        {
            data["confirmedAt"] = at;
        }

        var ageText = age is { } value ? value.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s ago" : "never";
        return Task.FromResult(staleness.IsStale(confirmedAt)
            ? HealthCheckResult.Unhealthy(
                $"Config revision {snapshot.Revision} is stale: last confirmed current {ageText}, limit {staleness.MaxAge!.Value.TotalSeconds:F0} s.", data: data)
            : HealthCheckResult.Healthy($"Config revision {snapshot.Revision}, last confirmed current {ageText}.", data));
    }
}
