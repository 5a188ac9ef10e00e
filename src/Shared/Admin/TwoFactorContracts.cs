namespace Switchyard.Shared.Admin;

/// <summary>
/// The sign-in is not finished: answered (202) by the password step, an invitation's acceptance or an enrolment step.
/// <paramref name="Step"/> is <see cref="SignInSteps.Totp"/> (send a code or a recovery code with the challenge) or
/// <see cref="SignInSteps.TotpEnrolment"/> (the tenant requires TOTP: enrol first). The challenge is opaque and short-lived.
/// </summary>
public sealed record SignInStepDto(string Step, string Challenge, DateTimeOffset ExpiresAt);

/// <summary>The names of <see cref="SignInStepDto.Step"/>.</summary>
public static class SignInSteps
{
    public const string Totp = "totp";
    public const string TotpEnrolment = "totp-enrolment";
}

/// <summary>The second sign-in step: the challenge and either an authenticator <paramref name="Code"/> or a <paramref name="RecoveryCode"/>.</summary>
public sealed record TwoFactorLoginRequest(string Challenge, string? Code = null, string? RecoveryCode = null);

/// <summary>Starts or confirms TOTP enrolment during sign-in (the tenant requires it); <paramref name="Code"/> only to confirm.</summary>
public sealed record SignInEnrolmentRequest(string Challenge, string? Code = null);

/// <summary>
/// A new authenticator key (not active until confirmed with a code). <paramref name="AuthenticatorUri"/> is the
/// <c>otpauth://totp/…</c> URI authenticator apps read from a QR code. During sign-in, <paramref name="Challenge"/> replaces
/// the previous one.
/// </summary>
public sealed record TotpEnrolmentDto(string SharedKey, string AuthenticatorUri, string? Challenge = null);

/// <summary>A code from the authenticator app (6 digits).</summary>
public sealed record TotpCodeRequest(string Code);

/// <summary>New recovery codes, each usable once instead of a code; shown once.</summary>
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

/// <summary>The caller's TOTP state; <paramref name="Required"/> when the tenant requires it.</summary>
public sealed record TotpStatusDto(bool Enabled, int RecoveryCodesLeft, bool Required);

/// <summary>Enrolment confirmed during sign-in: the recovery codes (shown once) and the session.</summary>
public sealed record SignInEnrolmentResponse(IReadOnlyList<string> RecoveryCodes, LoginResponse Session);
