using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// The filters of GET /api/tenants/{tenantId}/audit and its export (query parameters): <c>type</c> (<c>requests</c>, the
/// default, or <c>admin</c>), <c>from</c>/<c>to</c> (timestamps, from inclusive, to exclusive), for requests <c>keyId</c>,
/// <c>teamId</c>, <c>model</c>, <c>finding</c> (a rule name, e.g. <c>email</c>) and <c>status</c>; for admin actions
/// <c>action</c> (endpoint name, e.g. <c>UpdateKey</c>) and <c>actor</c>.
/// </summary>
public sealed record AuditQuery(
    string? Type, DateTimeOffset? From, DateTimeOffset? To, Guid? KeyId, Guid? TeamId, string? Model, string? Finding, int? Status,
    string? Action, string? Actor)
{
    public const string Requests = "requests";
    public const string Admin = "admin";

    public bool IsAdmin => Type == Admin;

    public static ValueTask<AuditQuery?> BindAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var times = new ValidationErrors();
        return ValueTask.FromResult<AuditQuery?>(new AuditQuery(
            q["type"].FirstOrDefault(), times.OptionalTime("from", q["from"]), times.OptionalTime("to", q["to"]), Id(q["keyId"]), Id(q["teamId"]),
            Text(q["model"]), Text(q["finding"]), int.TryParse(q["status"], out var s) ? s : null, Text(q["action"]), Text(q["actor"]))
        {
            FromText = q["from"],
            ToText = q["to"],
        });
    }

    /// <summary>The <c>from</c> query value as given (an unreadable one answers 400 naming the field).</summary>
    public string? FromText { get; init; }

    /// <summary>The <c>to</c> query value as given.</summary>
    public string? ToText { get; init; }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalTime("from", FromText);
        errors.OptionalTime("to", ToText);
        if (Type is not (null or Requests or Admin))
        {
            errors.Add("type", "The type field must be requests or admin.");
        }

        if (From is { } from && To is { } to && to < from)
        {
            errors.Add("to", "The to field must not be before from.");
        }

        return errors;
    }

    public IQueryable<AuditRequestEntry> Apply(ControlPlaneDbContext db, Guid tenantId)
    {
        var query = db.Set<AuditRequestEntry>().AsNoTracking().Where(e => e.TenantId == tenantId);
        if (From is { } from)
        {
            query = query.Where(e => e.Timestamp >= from);
        }

        if (To is { } to)
        {
            query = query.Where(e => e.Timestamp < to);
        }

        if (KeyId is { } key)
        {
            query = query.Where(e => e.KeyId == key);
        }

        if (TeamId is { } team)
        {
            query = query.Where(e => e.TeamId == team);
        }

        if (Model is { } model)
        {
            query = query.Where(e => e.Model == model);
        }

        if (Status is { } status)
        {
            query = query.Where(e => e.StatusCode == status);
        }

        if (Finding is { } finding)
        {
            var rule = "\"rule\":" + System.Text.Json.JsonSerializer.Serialize(finding);
            query = query.Where(e => e.Findings != null && e.Findings.Contains(rule));
        }

        return query;
    }

    public IQueryable<AuditAdminEntry> ApplyAdmin(ControlPlaneDbContext db, Guid tenantId)
    {
        var query = db.Set<AuditAdminEntry>().AsNoTracking().Where(e => e.TenantId == tenantId);
        if (From is { } from)
        {
            query = query.Where(e => e.Timestamp >= from);
        }

        if (To is { } to)
        {
            query = query.Where(e => e.Timestamp < to);
        }

        if (Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (Actor is { } actor)
        {
            query = query.Where(e => e.Actor == actor);
        }

        return query;
    }

    private static Guid? Id(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
