using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>A fixed window of sign-in attempts per client address (<see cref="SignInRateLimitOptions"/>); refusals are 429 ProblemDetails with Retry-After.</summary>
internal sealed class SignInRateLimiterPolicy(IOptions<SignInRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "Switchyard.SignIn";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientKey(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitLimit,
            Window = TimeSpan.FromSeconds(options.Value.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>The client's address (after forwarded headers from trusted proxies), IPv4-mapped IPv6 folded to IPv4.</summary>
    internal static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many sign-in attempts",
            Detail = $"Too many sign-in attempts from this address; try again in {seconds} seconds.",
        }).ExecuteAsync(http);
    }
}
