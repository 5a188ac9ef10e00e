using System.Text;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>The key as people type it (groups of four) and the <c>otpauth://</c> URI authenticator apps read from a QR code.</summary>
internal static class AuthenticatorUri
{
    public const string Issuer = "Switchyard";

    public static string Format(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={Totp.Digits}&period={(int)Totp.Step.TotalSeconds}";

    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
