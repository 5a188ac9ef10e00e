using Hangfire;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

/// <summary>A recurring job a slice registered (see <see cref="JobsExtensions.AddRecurringJob{TJob}"/>), added to Hangfire at start.</summary>
public sealed class RecurringJobRegistration(string id, Action<IRecurringJobManager> register)
{
    public string Id { get; } = id;

    internal void Register(IRecurringJobManager jobs) => register(jobs);
}
