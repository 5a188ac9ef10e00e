using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// GET /api/tenants/{tenantId}/audit/export?format=csv|jsonl (or <c>Accept: text/csv</c> / <c>application/x-ndjson</c>;
/// JSON Lines by default) with the filters of <see cref="AuditQuery"/>: every matching entry, oldest first, streamed row
/// by row from the database (never the whole log in memory). Bodies are not exported; each line is the entry as the list
/// shows it, hashes included, so an export can be checked offline. Admin entries carry their <c>outcome</c> (saved, completed,
/// refused, denied, failed; empty on entries older than outcomes) after the status code.
/// </summary>
public static class ExportAuditEntries
{
    public const string Csv = "text/csv";
    public const string JsonLines = "application/x-ndjson";

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> HandleAsync(
        Guid tenantId, AuditQuery query, string? format, HttpContext http, ControlPlaneDbContext db)
    {
        var errors = query.Validate();
        var accept = http.Request.Headers.Accept.ToString();
        var csv = format switch
        {
            "csv" => true,
            "jsonl" or "ndjson" => false,
            null => accept.Contains(Csv, StringComparison.OrdinalIgnoreCase),
            _ => (bool?)null,
        };
        if (csv is null)
        {
            errors.Add("format", "The format field must be csv or jsonl.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        http.Response.ContentType = (csv!.Value ? Csv : JsonLines) + "; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{(query.IsAdmin ? "admin" : "requests")}.{(csv.Value ? "csv" : "jsonl")}\"";
        await WriteAsync(tenantId, query, csv.Value, http, db);
        return TypedResults.Empty;
    }

    private static async Task WriteAsync(Guid tenantId, AuditQuery query, bool csv, HttpContext http, ControlPlaneDbContext db)
    {
        var cancellationToken = http.RequestAborted;
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        if (query.IsAdmin)
        {
            if (csv)
            {
                await writer.WriteLineAsync("id,timestamp,sequence,actor,action,method,path,objectType,objectId,sourceAddress,statusCode,outcome,changes,previousHash,hash");
            }

            await foreach (var e in query.ApplyAdmin(db, tenantId).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync(csv
                    ? Row(e.Id, e.Timestamp, e.Sequence, e.Actor, e.Action, e.Method, e.Path, e.ObjectType, e.ObjectId, e.SourceAddress, e.StatusCode, e.Outcome, e.Changes, e.PreviousHash, e.Hash)
                    : JsonSerializer.Serialize(e.ToDto(), SwitchyardJson.Options));
            }
        }
        else
        {
            if (csv)
            {
                await writer.WriteLineAsync("id,timestamp,nodeId,sequence,teamId,keyId,endpoint,model,deploymentId,providerKind,upstreamModel,stream,statusCode,errorCode,"
                                            + "promptTokens,completionTokens,costMicros,findings,mode,requestSha256,responseSha256,requestBytes,responseBytes,previousHash,hash");
            }

            await foreach (var e in query.Apply(db, tenantId).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync(csv
                    ? Row(e.Id, e.Timestamp, e.NodeId, e.Sequence, e.TeamId, e.KeyId, e.Endpoint, e.Model, e.DeploymentId, e.ProviderKind, e.UpstreamModel,
                        e.Stream, e.StatusCode, e.ErrorCode, e.PromptTokens, e.CompletionTokens, e.CostMicros, e.Findings, e.Mode, e.RequestSha256,
                        e.ResponseSha256, e.RequestBytes, e.ResponseBytes, e.PreviousHash, e.Hash)
                    : JsonSerializer.Serialize(e.ToDto(), SwitchyardJson.Options));
            }
        }
    }

    /// <summary>One CSV line (RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula).</summary>
    private static string Row(params object?[] values)
    {
        var line = new StringBuilder();
        foreach (var value in values)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            var text = value switch
            {
                null => "",
                DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string)
            {
                text = "'" + text;
            }

            line.Append(text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
        }

        return line.ToString();
    }
}
