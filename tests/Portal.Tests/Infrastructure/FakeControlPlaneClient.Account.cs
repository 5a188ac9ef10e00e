using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>The fake admin API's sign-in steps, TOTP, tenant settings and invitations.</summary>
internal sealed partial class FakeControlPlaneClient
{
    public const string SharedKey = "abcd efgh ijkl mnop qrst uvwx yz23 4567";
    public const string AuthenticatorUri = "otpauth://totp/Switchyard:dev%40acme.test?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=Switchyard";

    /// <summary>When set, the password step answers this step instead of a session.</summary>
    public SignInStepDto? LoginStep { get; set; }

    /// <summary>When set, accepting an invitation answers this step instead of a session.</summary>
    public SignInStepDto? InvitationStep { get; set; }

    public List<TwoFactorLoginRequest> TwoFactorRequests { get; } = [];
    public List<SignInEnrolmentRequest> EnrolmentRequests { get; } = [];
    public List<string> TotpCodes { get; } = [];
    public TotpStatusDto TotpStatus { get; set; } = new(false, 0, false);
    public TenantSettingsDto TenantSettings { get; set; } = new(12, false);
    public List<UpdateTenantSettingsRequest> SettingsUpdates { get; } = [];
    public List<InvitationDto> Invitations { get; } = [];
    public List<CreateInvitationRequest> InvitationRequests { get; } = [];
    public List<(string Token, AcceptInvitationRequest Request)> Acceptances { get; } = [];
    public InvitationPreviewDto Preview { get; set; } = new("new@acme.test", "Acme", MemberRole.Developer, Now.AddDays(7), 12);
    public IReadOnlyList<string> RecoveryCodes { get; set; } = ["aaaa1-bbbb1", "aaaa2-bbbb2"];

    public static LoginResponse Session(string email) =>
        new("token", Now.AddHours(8), new CurrentUserDto(Guid.NewGuid(), email, TenantId, "Acme", MemberRole.Developer));

    public Task<LoginResponse> CompleteTwoFactorLoginAsync(TwoFactorLoginRequest request, CancellationToken cancellationToken = default)
    {
        TwoFactorRequests.Add(request);
        return Run(nameof(CompleteTwoFactorLoginAsync), () => Session("dev@acme.test"));
    }

    public Task<TotpEnrolmentDto> StartSignInEnrolmentAsync(string challenge, CancellationToken cancellationToken = default)
    {
        EnrolmentRequests.Add(new SignInEnrolmentRequest(challenge));
        return Run(nameof(StartSignInEnrolmentAsync), () => new TotpEnrolmentDto(SharedKey, AuthenticatorUri, challenge + "-2"));
    }

    public Task<SignInEnrolmentResponse> ConfirmSignInEnrolmentAsync(SignInEnrolmentRequest request, CancellationToken cancellationToken = default)
    {
        EnrolmentRequests.Add(request);
        return Run(nameof(ConfirmSignInEnrolmentAsync), () => new SignInEnrolmentResponse(RecoveryCodes, Session("dev@acme.test")));
    }

    public Task<InvitationPreviewDto> GetInvitationAsync(string token, CancellationToken cancellationToken = default) =>
        Run(nameof(GetInvitationAsync), () => Preview);

    public Task<SignInOutcome> AcceptInvitationAsync(string token, AcceptInvitationRequest request, CancellationToken cancellationToken = default)
    {
        Acceptances.Add((token, request));
        return Run(nameof(AcceptInvitationAsync), () => InvitationStep is { } step ? SignInOutcome.Step(step) : SignInOutcome.Signed(Session(Preview.Email)));
    }

    public Task<TotpStatusDto> GetTotpStatusAsync(CancellationToken cancellationToken = default) => Run(nameof(GetTotpStatusAsync), () => TotpStatus);

    public Task<TotpEnrolmentDto> StartTotpEnrolmentAsync(CancellationToken cancellationToken = default) =>
        Run(nameof(StartTotpEnrolmentAsync), () => new TotpEnrolmentDto(SharedKey, AuthenticatorUri));

    public Task<RecoveryCodesDto> ConfirmTotpEnrolmentAsync(string code, CancellationToken cancellationToken = default)
    {
        TotpCodes.Add(code);
        return Run(nameof(ConfirmTotpEnrolmentAsync), () =>
        {
            TotpStatus = TotpStatus with { Enabled = true, RecoveryCodesLeft = RecoveryCodes.Count };
            return new RecoveryCodesDto(RecoveryCodes);
        });
    }

    public Task DisableTotpAsync(string code, CancellationToken cancellationToken = default)
    {
        TotpCodes.Add(code);
        return Run(nameof(DisableTotpAsync), () => TotpStatus = TotpStatus with { Enabled = false, RecoveryCodesLeft = 0 });
    }

    public Task<RecoveryCodesDto> RegenerateRecoveryCodesAsync(string code, CancellationToken cancellationToken = default)
    {
        TotpCodes.Add(code);
        return Run(nameof(RegenerateRecoveryCodesAsync), () => new RecoveryCodesDto(RecoveryCodes));
    }

    public Task<TenantSettingsDto> GetTenantSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetTenantSettingsAsync), () => TenantSettings);

    public Task<TenantSettingsDto> UpdateTenantSettingsAsync(Guid tenantId, UpdateTenantSettingsRequest request, CancellationToken cancellationToken = default)
    {
        SettingsUpdates.Add(request);
        return Run(nameof(UpdateTenantSettingsAsync), () => TenantSettings = new(
            request.PasswordMinLength ?? TenantSettings.PasswordMinLength, request.RequireTotp ?? TenantSettings.RequireTotp));
    }

    public Task<CreatedInvitationDto> CreateInvitationAsync(Guid tenantId, CreateInvitationRequest request, CancellationToken cancellationToken = default)
    {
        InvitationRequests.Add(request);
        return Run(nameof(CreateInvitationAsync), () =>
        {
            var invitation = new InvitationDto(Guid.NewGuid(), tenantId, request.Email, request.Role, request.Teams ?? [], Now, Now.AddDays(7), "member:me");
            Invitations.Insert(0, invitation);
            return new CreatedInvitationDto(invitation, "syi_secret-token", "/invite/syi_secret-token");
        });
    }

    public Task<IReadOnlyList<InvitationDto>> GetInvitationsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetInvitationsAsync), () => (IReadOnlyList<InvitationDto>)[.. Invitations]);

    public Task RevokeInvitationAsync(Guid tenantId, Guid invitationId, CancellationToken cancellationToken = default) =>
        Run(nameof(RevokeInvitationAsync), () => Invitations.RemoveAll(i => i.Id == invitationId));
}
