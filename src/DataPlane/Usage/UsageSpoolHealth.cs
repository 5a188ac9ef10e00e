namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Whether the usage spool can write to disk: set by the spool writer and the publisher, read by the readiness check.
/// A failure is reported until the next successful write.
/// </summary>
public sealed class UsageSpoolHealth
{
    private volatile Failure? _failure;

    /// <summary>The current failure, or null while the spool writes normally.</summary>
    public Failure? Current => _failure;

    /// <summary>Records a failed disk operation (the failure started with the first one).</summary>
    public void Fail(string operation, Exception exception, DateTimeOffset now)
    {
        var previous = _failure;
        _failure = new Failure(previous?.Since ?? now, operation, exception.GetType().Name, (previous?.Count ?? 0) + 1);
    }

    /// <summary>Records a successful write; returns the failure it ends, if any.</summary>
    public Failure? Recover()
    {
        var previous = _failure;
        _failure = null;
        return previous;
    }

    /// <param name="Operation">What failed last, e.g. "write", "close".</param>
    /// <param name="ExceptionType">The error's type (its message, which may name paths, goes to the log only).</param>
    /// <param name="Count">Failed operations since <paramref name="Since"/>.</param>
    public sealed record Failure(DateTimeOffset Since, string Operation, string ExceptionType, int Count);
}
