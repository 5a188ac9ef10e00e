using Microsoft.AspNetCore.DataProtection;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>Encrypts provider secrets at rest. The key ring lives in the database, shared by every control plane.</summary>
public sealed class CredentialProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Switchyard.ControlPlane.ProviderCredentials.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The last four characters, or fewer for very short secrets.</summary>
    public static string Hint(string secret) => secret.Length <= 8 ? "…" : "…" + secret[^4..];
}
