using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Work that must count each usage record exactly once (rollups, spend counters): <see cref="UsageIngestor"/> calls every
/// registered step with the records a batch newly stored, inside the transaction that inserted them, so a redelivered
/// record is never passed twice and a step that throws rolls the insert back (the batch is retried, then dead-lettered).
/// A step writes through <paramref name="db"/> (same connection and transaction; <c>SaveChanges</c> or set-based SQL) and
/// must not commit.
/// Register with <c>services.AddScoped&lt;IUsageIngestStep, T&gt;()</c>; steps run in registration order.
/// </summary>
public interface IUsageIngestStep
{
    Task OnStoredAsync(ControlPlaneDbContext db, IReadOnlyList<UsageRecordEntity> stored, CancellationToken cancellationToken);
}
