using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Audit;

/// <summary>
/// Captures what an audited request's caller received (<see cref="AuditCapture"/>, kept on the request's features) and
/// hands the usage recorder the request's <see cref="UsageAudit"/> when the request is over. The mode comes from the
/// snapshot: the tenant's <see cref="AuditSettings"/> lowered by its override for the key's use case; <c>off</c> costs nothing.
/// </summary>
public sealed class AuditRecorder(IOptions<AuditCaptureOptions> options) : IResponseListener
{
    private readonly int _maxBodyBytes = options.Value.MaxBodyBytes;

    public void BodyWritten(GatewayContext context, ReadOnlySpan<byte> bytes)
    {
        var capture = context.Http.Features.Get<AuditCapture>();
        if (capture is null)
        {
            if (ModeOf(context) is not { } mode)
            {
                return;
            }

            capture = new AuditCapture(mode, _maxBodyBytes);
            context.Http.Features.Set(capture);
            context.Http.Response.RegisterForDispose(capture);
        }

        capture.Append(bytes);
    }

    /// <summary>The request's audit data; null when its tenant does not audit it (or it was refused before authentication).</summary>
    public UsageAudit? Finish(GatewayContext context)
    {
        if (context.Http.Features.Get<AuditCapture>() is { } capture)
        {
            return capture.Finish(context.Body.Span);
        }

        if (ModeOf(context) is not { } mode)
        {
            return null;
        }

        using var empty = new AuditCapture(mode, _maxBodyBytes);
        return empty.Finish(context.Body.Span);
    }

    private static string? ModeOf(GatewayContext context)
    {
        if (context.Key is not { } key || context.Snapshot is not { } snapshot)
        {
            return null;
        }

        var mode = AuditModes.For(snapshot.Tenants.GetValueOrDefault(key.TenantId)?.Audit, key.UseCase);
        return mode == AuditModes.Off ? null : mode;
    }
}
