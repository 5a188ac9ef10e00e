namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>A parsed SCIM filter (RFC 7644 §3.4.2.2): a comparison (<see cref="ScimFilterCondition"/>) or two joined (<see cref="ScimFilterLogical"/>).</summary>
public abstract record ScimFilterNode;
