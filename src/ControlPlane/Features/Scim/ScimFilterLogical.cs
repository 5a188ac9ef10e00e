namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>Two filters joined by <c>and</c> or <c>or</c>.</summary>
/// <param name="Operator"><c>and</c> or <c>or</c>, lower case.</param>
public sealed record ScimFilterLogical(string Operator, ScimFilterNode Left, ScimFilterNode Right) : ScimFilterNode;
