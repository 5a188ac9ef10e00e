using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Per-client throttling of <c>POST /api/auth/login</c> (section <c>Auth:SignInRateLimit</c>): at most
/// <see cref="PermitLimit"/> attempts per client address in each window of <see cref="WindowSeconds"/>; more answer 429
/// with <c>Retry-After</c>. It slows password guessing from one address long before the per-account lockout (5 failures)
/// and keeps one client from locking many accounts quickly. The address is the connection's, or the one a trusted proxy
/// forwards (<c>ForwardedHeaders:*</c>); the portal forwards its users' addresses.
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "Auth:SignInRateLimit";

    [Range(1, 100_000, ErrorMessage = "Auth:SignInRateLimit:PermitLimit must be between 1 and 100000.")]
    public int PermitLimit { get; set; } = 10;

    [Range(1, 86_400, ErrorMessage = "Auth:SignInRateLimit:WindowSeconds must be between 1 and 86400.")]
    public int WindowSeconds { get; set; } = 60;
}
