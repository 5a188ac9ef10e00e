namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// One comparison of a SCIM filter, e.g. <c>userName eq "…"</c> or <c>title pr</c>. <see cref="Attribute"/> is lower-case
/// without the schema URN, with value filters folded in: <c>emails[type eq "work"].value</c> and <c>emails</c> become
/// <c>emails.value</c>, <c>members[value eq "…"]</c> becomes <c>members.value eq</c> that value.
/// </summary>
/// <param name="Value">The compared value as text (<c>true</c>/<c>false</c> for booleans); null for <c>null</c> and for <c>pr</c>.</param>
/// <param name="Operator"><c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c>, <c>gt</c>, <c>ge</c>, <c>lt</c>, <c>le</c> or <c>pr</c>, lower case.</param>
public sealed record ScimFilterCondition(string Attribute, string? Value, string Operator = "eq") : ScimFilterNode;
