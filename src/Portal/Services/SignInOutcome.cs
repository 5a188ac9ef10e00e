using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>What a sign-in call answered: a session, or the next step (TOTP code or TOTP enrolment) with its challenge.</summary>
public sealed record SignInOutcome(LoginResponse? Session, SignInStepDto? NextStep)
{
    public static SignInOutcome Signed(LoginResponse session) => new(session, null);

    public static SignInOutcome Step(SignInStepDto step) => new(null, step);
}
