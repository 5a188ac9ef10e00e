using Microsoft.AspNetCore.DataProtection;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// Seals the members' authenticator keys and recovery codes at rest with the control plane's Data Protection key ring (in
/// the database, shared by every control plane), under its own purpose. A sealed value carries <see cref="Marker"/>; a
/// value without it was stored in plain text before sealing existed and is read as it is (base32 keys and
/// <c>;</c>-separated recovery codes never contain a colon).
/// </summary>
public sealed class TwoFactorSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Switchyard.ControlPlane.TwoFactorSecrets.v1";
    public const string Marker = "sealed:v1:";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public static bool IsSealed(string value) => value.StartsWith(Marker, StringComparison.Ordinal);

    public string Seal(string value) => Marker + _protector.Protect(value);

    /// <summary>The plain value: unsealed, or as stored when it predates sealing.</summary>
    public string Open(string value) => IsSealed(value) ? _protector.Unprotect(value[Marker.Length..]) : value;
}
