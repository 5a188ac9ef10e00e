namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>How an audited admin call ended (<see cref="AuditAdminEntry.Outcome"/>).</summary>
public static class AdminAuditOutcomes
{
    /// <summary>The call saved changes; the entry was written in the same transaction as them.</summary>
    public const string Saved = "saved";

    /// <summary>The call answered without an error but saved nothing.</summary>
    public const string Completed = "completed";

    /// <summary>The call was refused (validation, conflict, not found); nothing was saved.</summary>
    public const string Refused = "refused";

    /// <summary>Authorisation refused the call (403): the caller's role does not allow it.</summary>
    public const string Denied = "denied";

    /// <summary>The call failed (5xx); nothing was saved.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome of a call that saved nothing, by the status it answered.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status403Forbidden => Denied,
        >= 500 => Failed,
        >= 400 => Refused,
        _ => Completed,
    };
}
