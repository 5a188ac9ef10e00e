namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Claim types the control plane puts on every caller's principal (members and admin keys alike).</summary>
public static class SwitchyardClaims
{
    public const string TenantId = "switchyard:tenant";
    public const string Role = "switchyard:role";

    /// <summary>"member" or "admin-key".</summary>
    public const string Kind = "switchyard:kind";

    public const string MemberKind = "member";
    public const string AdminKeyKind = "admin-key";
}
