using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>SCIM tokens: <c>sy-scim-</c> and 43 base64url characters; stored like admin keys (SHA-256 hex and a display prefix).</summary>
public static class ScimTokenFormat
{
    public const string Prefix = "sy-scim-";

    public static string Generate() => VirtualKeyHash.Generate(Prefix);
}
