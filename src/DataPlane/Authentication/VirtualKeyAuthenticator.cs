using Microsoft.Net.Http.Headers;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Authentication;

/// <summary>Authenticates a virtual key (<c>Authorization: Bearer</c> or <c>x-api-key</c>) against the snapshot.</summary>
public sealed class VirtualKeyAuthenticator(TimeProvider time)
{
    public const string ApiKeyHeader = "x-api-key";

    public AuthenticationResult Authenticate(HttpRequest request, RuntimeSnapshot snapshot)
    {
        var key = ExtractKey(request);
        if (key.IsEmpty)
        {
            return AuthenticationResult.Failure(StatusCodes.Status401Unauthorized,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the x-api-key header.",
                OpenAIError.InvalidRequest, "missing_api_key");
        }

        Span<char> hash = stackalloc char[VirtualKeyHash.HashLength];
        VirtualKeyHash.Compute(key, hash);
        if (!snapshot.KeysByHash.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hash, out var found))
        {
            return AuthenticationResult.Failure(StatusCodes.Status401Unauthorized,
                $"Incorrect API key provided: {Mask(key)}. You can find your API keys in the Switchyard portal.",
                OpenAIError.InvalidRequest, "invalid_api_key");
        }

        if (found.Status == KeyStatus.Revoked)
        {
            return AuthenticationResult.Failure(StatusCodes.Status401Unauthorized, "This API key has been revoked.", OpenAIError.InvalidRequest, "invalid_api_key");
        }

        var now = time.GetUtcNow();
        if (found.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return AuthenticationResult.Failure(StatusCodes.Status401Unauthorized, "This API key has expired.", OpenAIError.InvalidRequest, "invalid_api_key");
        }

        if (found.PreviousHash is { } previous && !(found.PreviousExpiresAt > now) && hash.SequenceEqual(previous))
        {
            return AuthenticationResult.Failure(StatusCodes.Status401Unauthorized,
                "This API key was rotated and its grace period has ended; use the new key.", OpenAIError.InvalidRequest, "invalid_api_key");
        }

        if (!snapshot.Tenants.TryGetValue(found.TenantId, out var tenant) || !tenant.Active)
        {
            return AuthenticationResult.Failure(StatusCodes.Status403Forbidden, "The organization of this API key is not active.", OpenAIError.Permission, "tenant_inactive");
        }

        if (tenant.Billing == TenantBillingStatus.Suspended)
        {
            return AuthenticationResult.Failure(StatusCodes.Status402PaymentRequired,
                "The organization of this API key is suspended for non-payment. Its administrator can settle the open invoice to restore access.",
                OpenAIError.Billing, "billing_suspended");
        }

        return AuthenticationResult.Success(found);
    }

    internal static ReadOnlySpan<char> ExtractKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.Length > 0)
        {
            var span = authorization.AsSpan().Trim();
            if (span.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return span[7..].Trim();
            }
        }

        return request.Headers[ApiKeyHeader].ToString().AsSpan().Trim();
    }

    /// <summary>Never echoes a key: at most its display prefix followed by a mask.</summary>
    internal static string Mask(ReadOnlySpan<char> key) =>
        key.Length >= 24 ? string.Concat(key[..VirtualKeyHash.DisplayLength], "****") : "****";
}
