namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>A step on a group's members: add some, remove some, or make them exactly the given ones.</summary>
public enum ScimMemberStep
{
    Add,
    Remove,
    Replace,
}
