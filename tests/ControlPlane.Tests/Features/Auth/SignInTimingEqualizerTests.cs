using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

/// <summary>An unknown email costs the same password-hash work as a known one, so timing does not reveal accounts.</summary>
public sealed class SignInTimingEqualizerTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Login_UnknownEmail_VerifiesAPasswordHashLikeAKnownEmail()
    {
        var hasher = new CountingPasswordHasher();
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<IPasswordHasher<Member>>(hasher)));
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();

        var beforeKnown = hasher.Verifications;
        var known = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", "wrong-password"), SwitchyardJson.Options);
        var knownVerifications = hasher.Verifications - beforeKnown;
        var beforeUnknown = hasher.Verifications;
        var unknown = await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("nobody@acme.test", "wrong-password"), SwitchyardJson.Options);
        var unknownVerifications = hasher.Verifications - beforeUnknown;

        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(1, knownVerifications);
        Assert.Equal(knownVerifications, unknownVerifications);
        var knownProblem = await SignInRequests.ProblemAsync(known);
        var unknownProblem = await SignInRequests.ProblemAsync(unknown);
        Assert.Equal(knownProblem.GetProperty("detail").GetString(), unknownProblem.GetProperty("detail").GetString());
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<Member>
    {
        private readonly PasswordHasher<Member> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(Member user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Member user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
