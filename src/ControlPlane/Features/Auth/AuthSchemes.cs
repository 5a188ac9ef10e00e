namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Authentication scheme names of the admin API (its authorisation policies are in <see cref="AdminPolicies"/>).</summary>
public static class AuthSchemes
{
    /// <summary>Policy scheme that forwards to the admin-key, Identity bearer or Identity cookie scheme.</summary>
    public const string Switchyard = "Switchyard";

    public const string AdminKey = "AdminKey";

    /// <summary>Authenticates for <see cref="Switchyard"/>: the selected scheme, with a member's role and tenant read from the database.</summary>
    public const string CurrentMember = "Switchyard.CurrentMember";

    public const string IdentityCookieName = ".Switchyard.Identity";
}
