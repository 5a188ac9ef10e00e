using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A users filter as an EF Core predicate (<see cref="ScimPredicate"/>): <c>userName</c> and <c>emails.value</c>
/// (case-insensitive, on Identity's normalised columns), <c>displayName</c>, <c>name.givenName</c> and <c>name.familyName</c>
/// (case-insensitive), <c>externalId</c> (case-exact) with <c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c> and <c>pr</c>;
/// <c>id</c> with <c>eq</c>, <c>ne</c> and <c>pr</c>; <c>active</c> with <c>eq</c>, <c>ne</c> and <c>pr</c>; <c>and</c>,
/// <c>or</c> and parentheses. Any other attribute or operator answers 400 <c>invalidFilter</c>.
/// </summary>
public static class ScimUserFilter
{
    private const string Supported = "userName, emails, displayName, name.givenName, name.familyName, externalId, id or active";

    public static Expression<Func<Member, bool>> ToPredicate(ScimFilterNode node, ILookupNormalizer normalizer) =>
        ScimPredicate.Build<Member>(node, condition => Condition(condition, normalizer));

    private static Expression<Func<Member, bool>> Condition(ScimFilterCondition condition, ILookupNormalizer normalizer)
    {
        var value = condition.Value;
        switch (condition.Attribute)
        {
            case "username":
                return ScimPredicate.Text<Member>(condition, m => m.NormalizedUserName, value is null ? null : normalizer.NormalizeName(value));
            case "emails.value":
                return ScimPredicate.Text<Member>(condition, m => m.NormalizedEmail, value is null ? null : normalizer.NormalizeEmail(value));
            case "displayname":
                return ScimPredicate.Text<Member>(condition, m => m.DisplayName!.ToUpper(), value?.ToUpperInvariant());
            case "name.givenname":
                return ScimPredicate.Text<Member>(condition, m => m.GivenName!.ToUpper(), value?.ToUpperInvariant());
            case "name.familyname":
                return ScimPredicate.Text<Member>(condition, m => m.FamilyName!.ToUpper(), value?.ToUpperInvariant());
            case "externalid":
                return ScimPredicate.Text<Member>(condition, m => m.ExternalId, value);
            case "id":
                return ScimPredicate.Id<Member>(condition, m => m.Id);
            case "active":
                if (condition.Operator == "pr")
                {
                    return m => true;
                }

                if (condition.Operator is not ("eq" or "ne") || value is not ("true" or "false"))
                {
                    throw ScimException.InvalidFilter("active is compared with eq or ne and true or false, or tested with pr.");
                }

                return (value == "true") == (condition.Operator == "eq") ? m => m.DeactivatedAt == null : m => m.DeactivatedAt != null;
            default:
                throw ScimException.InvalidFilter($"Users cannot be filtered by '{condition.Attribute}'; use {Supported}.");
        }
    }
}
