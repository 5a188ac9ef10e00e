using System.Security.Claims;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// On the features of a mutating admin API call: whether something already recorded it (the endpoint filter, the
/// interceptor, or authorisation's <c>denied</c> entry), and who the caller authenticated as when the call came in. What
/// is still unrecorded when the call is answered was refused before the endpoint ran and is recorded by
/// <see cref="AdminAuditRefusalWriter"/> or <see cref="AdminAuditAttemptMiddleware"/>.
/// </summary>
public sealed class AdminAuditAttempt
{
    public bool Recorded { get; set; }

    /// <summary>The caller as authenticated before anything could refuse the call; null when anonymous or not authenticated.</summary>
    public ClaimsPrincipal? Principal { get; init; }

    /// <summary>Marks the request's attempt as recorded (no-op outside <see cref="AdminAuditAttemptMiddleware"/>).</summary>
    public static void MarkRecorded(HttpContext http)
    {
        if (http.Features.Get<AdminAuditAttempt>() is { } attempt)
        {
            attempt.Recorded = true;
        }
    }
}
