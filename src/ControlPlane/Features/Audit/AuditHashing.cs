using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 (lower-case hex) over its canonical serialisation — a JSON array of a version tag
/// and every stored column in a fixed order, the previous entry's hash included; times as UTC ticks (stored at
/// microsecond precision, which both databases keep exactly); bodies by the SHA-256 of their ciphertext, so a body swapped
/// or edited breaks the chain as any other column does.
/// </summary>
public static class AuditHashing
{
    /// <summary>The previous hash of a chain's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>A time as the databases store it exactly: UTC, whole microseconds.</summary>
    public static DateTimeOffset Storable(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    public static string Of(AuditRequestEntry e) => Hash(w =>
    {
        w.WriteStringValue("request.v1");
        w.WriteStringValue(e.Id);
        w.WriteStringValue(e.TenantId);
        w.WriteStringValue(e.NodeId);
        w.WriteNumberValue(e.Sequence);
        w.WriteNumberValue(e.Timestamp.UtcTicks);
        w.WriteStringValue(e.TeamId);
        w.WriteStringValue(e.KeyId);
        w.WriteStringValue(e.Endpoint);
        w.WriteStringValue(e.Model);
        Write(w, e.DeploymentId?.ToString("D"));
        Write(w, e.ProviderKind);
        Write(w, e.UpstreamModel);
        w.WriteBooleanValue(e.Stream);
        w.WriteNumberValue(e.StatusCode);
        Write(w, e.ErrorCode);
        w.WriteNumberValue(e.PromptTokens);
        w.WriteNumberValue(e.CompletionTokens);
        w.WriteNumberValue(e.CostMicros);
        Write(w, e.Findings);
        w.WriteStringValue(e.Mode);
        w.WriteStringValue(e.RequestSha256);
        w.WriteStringValue(e.ResponseSha256);
        w.WriteNumberValue(e.RequestBytes);
        w.WriteNumberValue(e.ResponseBytes);
        Write(w, e.BodyKeyId?.ToString("D"));
        Write(w, Digest(e.RequestBody));
        Write(w, Digest(e.ResponseBody));
        w.WriteStringValue(e.PreviousHash);
    });

    public static string Of(AuditAdminEntry e) => Hash(w =>
    {
        // v2 adds the outcome; entries without one (written before it existed) keep their v1 hash.
        w.WriteStringValue(e.Outcome is null ? "admin.v1" : "admin.v2");
        w.WriteStringValue(e.Id);
        w.WriteStringValue(e.TenantId);
        w.WriteNumberValue(e.Sequence);
        w.WriteNumberValue(e.Timestamp.UtcTicks);
        w.WriteStringValue(e.Actor);
        w.WriteStringValue(e.Action);
        w.WriteStringValue(e.Method);
        w.WriteStringValue(e.Path);
        Write(w, e.ObjectType);
        Write(w, e.ObjectId);
        Write(w, e.Changes);
        Write(w, e.SourceAddress);
        w.WriteNumberValue(e.StatusCode);
        if (e.Outcome is not null)
        {
            w.WriteStringValue(e.Outcome);
        }

        w.WriteStringValue(e.PreviousHash);
    });

    private static string? Digest(byte[]? bytes) => bytes is null ? null : Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void Write(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static string Hash(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            write(writer);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
