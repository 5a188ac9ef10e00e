namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// One <c>attribute eq value</c> of a SCIM filter. <see cref="Attribute"/> is lower-case without the schema URN, with
/// value filters folded in: <c>emails[type eq "work"].value</c> and <c>emails</c> become <c>emails.value</c>,
/// <c>members[value eq "…"]</c> becomes <c>members.value</c> with that value.
/// </summary>
/// <param name="Value">The compared value as text (<c>true</c>/<c>false</c> for booleans); null for <c>null</c>.</param>
public sealed record ScimFilterCondition(string Attribute, string? Value);
