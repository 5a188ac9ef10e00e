using Microsoft.AspNetCore.DataProtection;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// Seals tenants' OpenID Connect client secrets at rest with the same Data Protection key ring (in the database, shared by
/// every control plane) that seals provider credentials, under its own purpose.
/// </summary>
public sealed class SsoSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Switchyard.ControlPlane.SsoClientSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
