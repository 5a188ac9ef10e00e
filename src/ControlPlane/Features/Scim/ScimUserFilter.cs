using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A users filter as an EF Core predicate, so the database does the filtering: <c>userName</c> and <c>emails.value</c>
/// (case-insensitive, on Identity's normalised columns), <c>displayName</c>, <c>name.givenName</c> and <c>name.familyName</c>
/// (case-insensitive), <c>externalId</c> (case-exact) and <c>id</c> with <c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>,
/// <c>ew</c> and <c>pr</c>; <c>active</c> with <c>eq</c>, <c>ne</c> and <c>pr</c>; <c>and</c>, <c>or</c> and parentheses.
/// Any other attribute or operator answers 400 <c>invalidFilter</c>.
/// </summary>
public static class ScimUserFilter
{
    private const string Supported = "userName, emails, displayName, name.givenName, name.familyName, externalId, id or active";

    public static Expression<Func<Member, bool>> ToPredicate(ScimFilterNode node, ILookupNormalizer normalizer)
    {
        var member = Expression.Parameter(typeof(Member), "m");
        return Expression.Lambda<Func<Member, bool>>(Build(node, member, normalizer), member);
    }

    private static Expression Build(ScimFilterNode node, ParameterExpression member, ILookupNormalizer normalizer) => node switch
    {
        ScimFilterLogical { Operator: "and" } and => Expression.AndAlso(Build(and.Left, member, normalizer), Build(and.Right, member, normalizer)),
        ScimFilterLogical or => Expression.OrElse(Build(or.Left, member, normalizer), Build(or.Right, member, normalizer)),
        ScimFilterCondition condition => new ParameterBinder(member).Visit(Condition(condition, normalizer).Body),
        _ => throw ScimException.InvalidFilter("The filter is not supported."),
    };

    private static Expression<Func<Member, bool>> Condition(ScimFilterCondition condition, ILookupNormalizer normalizer)
    {
        var value = condition.Value;
        switch (condition.Attribute)
        {
            case "username":
                return Text(condition, m => m.NormalizedUserName, value is null ? null : normalizer.NormalizeName(value));
            case "emails.value":
                return Text(condition, m => m.NormalizedEmail, value is null ? null : normalizer.NormalizeEmail(value));
            case "displayname":
                return Text(condition, m => m.DisplayName!.ToUpper(), value?.ToUpperInvariant());
            case "name.givenname":
                return Text(condition, m => m.GivenName!.ToUpper(), value?.ToUpperInvariant());
            case "name.familyname":
                return Text(condition, m => m.FamilyName!.ToUpper(), value?.ToUpperInvariant());
            case "externalid":
                return Text(condition, m => m.ExternalId, value);
            case "id":
                var id = Guid.TryParse(value, out var parsed) ? parsed : (Guid?)null;
                return condition.Operator switch
                {
                    "eq" => id is { } eq ? m => m.Id == eq : m => false,
                    "ne" => id is { } ne ? m => m.Id != ne : m => true,
                    "pr" => m => true,
                    _ => throw Unsupported(condition),
                };
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

    /// <summary>A comparison on a text column (already normalised on both sides where case does not matter).</summary>
    private static Expression<Func<Member, bool>> Text(ScimFilterCondition condition, Expression<Func<Member, string?>> column, string? value)
    {
        Expression<Func<string?, bool>> test = condition.Operator switch
        {
            "pr" => c => c != null && c != "",
            "eq" when value is null => c => c == null,
            "ne" when value is null => c => c != null,
            "eq" => c => c == value,
            "ne" => c => c == null || c != value,
            "co" when value is not null => c => c != null && c.Contains(value),
            "sw" when value is not null => c => c != null && c.StartsWith(value),
            "ew" when value is not null => c => c != null && c.EndsWith(value),
            _ => throw Unsupported(condition),
        };

        // test(column(m)), inlined so EF Core translates it.
        var body = new ParameterBinder(test.Parameters[0], column.Body).Visit(test.Body);
        return Expression.Lambda<Func<Member, bool>>(body, column.Parameters);
    }

    private static ScimException Unsupported(ScimFilterCondition condition) =>
        ScimException.InvalidFilter(
            $"'{condition.Attribute}' cannot be filtered with '{condition.Operator}'{(condition.Value is null ? " null" : "")}; use eq, ne, co, sw, ew or pr.");

    /// <summary>Replaces a lambda's parameter: with the shared member parameter, or with another expression.</summary>
    private sealed class ParameterBinder : ExpressionVisitor
    {
        private readonly ParameterExpression? _from;
        private readonly Expression _to;

        public ParameterBinder(ParameterExpression member) => _to = member;

        public ParameterBinder(ParameterExpression from, Expression to) => (_from, _to) = (from, to);

        protected override Expression VisitParameter(ParameterExpression node) =>
            _from is null ? (node.Type == typeof(Member) ? _to : node) : node == _from ? _to : node;
    }
}
