namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// On the features of a mutating admin API call: whether something already recorded it (the endpoint filter, the
/// interceptor, or authorisation's <c>denied</c> entry). What is still unrecorded when the call ends was refused before
/// the endpoint ran and is recorded by <see cref="AdminAuditAttemptMiddleware"/>.
/// </summary>
public sealed class AdminAuditAttempt
{
    public bool Recorded { get; set; }

    /// <summary>Marks the request's attempt as recorded (no-op outside <see cref="AdminAuditAttemptMiddleware"/>).</summary>
    public static void MarkRecorded(HttpContext http)
    {
        if (http.Features.Get<AdminAuditAttempt>() is { } attempt)
        {
            attempt.Recorded = true;
        }
    }
}
