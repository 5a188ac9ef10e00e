namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>The person as the identity provider's validated tokens describe them.</summary>
/// <param name="Subject">The provider's stable id (<c>sub</c>).</param>
/// <param name="EmailVerified">The <c>email_verified</c> claim; null when the provider does not send one (Entra ID).</param>
/// <param name="Groups">The values of the tenant's group claim.</param>
public sealed record SsoIdentity(string Subject, string? Email, bool? EmailVerified, IReadOnlyList<string> Groups);
