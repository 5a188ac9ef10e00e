namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Records a mutating admin call refused before <see cref="AdminAuditFilter"/> ran — the body limit's 413, the missing
/// anti-forgery header's 403, the exception handler's answer (a body that does not bind, an exception) — just before its
/// ProblemDetails is written, so the entry is in the log before the answer goes out. When the entry cannot be written the
/// call answers 503 instead, as the filter does. Registered ahead of the other ProblemDetails writers and taking only
/// calls with an unrecorded <see cref="AdminAuditAttempt"/>; the body itself is then written by the others.
/// </summary>
internal sealed class AdminAuditRefusalWriter(AdminAuditAttemptRecorder recorder) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Features.Get<AdminAuditAttempt>() is { Recorded: false };

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var attempt = http.Features.Get<AdminAuditAttempt>()!;
        if (!await recorder.RecordAsync(http, attempt, context.ProblemDetails.Status ?? http.Response.StatusCode))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context = new ProblemDetailsContext { HttpContext = http, ProblemDetails = AdminAuditUnavailable.Problem(), Exception = context.Exception };
        }

        // The attempt is recorded now, so this writer no longer takes it: the next one that can write does.
        if (!await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(context))
        {
            await http.Response.WriteAsJsonAsync(context.ProblemDetails, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
