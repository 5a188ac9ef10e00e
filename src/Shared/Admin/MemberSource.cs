namespace Switchyard.Shared.Admin;

/// <summary>How a member came to exist: created in Switchyard, provisioned at first single sign-on, or by SCIM.</summary>
public enum MemberSource
{
    Local = 0,
    Sso = 1,
    Scim = 2,
}
