namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>Authentication scheme and authorisation policy names of the admin API.</summary>
public static class AuthSchemes
{
    /// <summary>Policy scheme that forwards to the admin-key, Identity bearer or Identity cookie scheme.</summary>
    public const string Switchyard = "Switchyard";

    public const string AdminKey = "AdminKey";

    /// <summary>Authenticates for <see cref="Switchyard"/>: the selected scheme, with a member's role and tenant read from the database.</summary>
    public const string CurrentMember = "Switchyard.CurrentMember";

    /// <summary>Every signed-in member or admin key.</summary>
    public const string ApiPolicy = "Switchyard.Api";

    /// <summary>Platform administrators only.</summary>
    public const string PlatformAdminPolicy = "Switchyard.PlatformAdmin";

    public const string IdentityCookieName = ".Switchyard.Identity";
}
