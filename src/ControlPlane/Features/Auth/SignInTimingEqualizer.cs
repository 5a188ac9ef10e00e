using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// Makes a sign-in with an unknown email cost what one with a known email costs: the same password-hash verification
/// (against a hash of a random password made by the same hasher), so the answer time does not tell which emails have
/// an account.
/// </summary>
public sealed class SignInTimingEqualizer(IPasswordHasher<Member> hasher)
{
    private static readonly Member Nobody = new();

    /// <summary>One dummy hash per hasher type, made once: hashing per request would cost more than a known member's sign-in.</summary>
    private static readonly ConcurrentDictionary<Type, string> DummyHashes = new();

    /// <summary>Verifies <paramref name="password"/> against the dummy hash; the result is always a failure and is ignored.</summary>
    public void VerifyForUnknownMember(string password)
    {
        var hash = DummyHashes.GetOrAdd(hasher.GetType(), _ => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
