using System.Linq.Expressions;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Turns a parsed SCIM filter into an EF Core predicate, so the database does the filtering: <c>and</c>, <c>or</c> and
/// parentheses are shared by every resource; each resource maps one comparison onto its columns
/// (<see cref="ScimUserFilter"/>, <see cref="ScimGroupFilter"/>).
/// </summary>
internal static class ScimPredicate
{
    public static Expression<Func<T, bool>> Build<T>(ScimFilterNode node, Func<ScimFilterCondition, Expression<Func<T, bool>>> condition)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, bool>>(Combine(node, row, condition), row);
    }

    /// <summary>
    /// A comparison on a text column with <c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c> or <c>pr</c>; the column and
    /// <paramref name="value"/> already folded alike where case does not matter.
    /// </summary>
    public static Expression<Func<T, bool>> Text<T>(ScimFilterCondition condition, Expression<Func<T, string?>> column, string? value)
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
            _ => throw Unsupported(condition, "eq, ne, co, sw, ew or pr"),
        };

        return OnColumn(test, column);
    }

    /// <summary>A comparison on a Guid id with <c>eq</c>, <c>ne</c> or <c>pr</c> (a value that is no Guid matches nothing).</summary>
    public static Expression<Func<T, bool>> Id<T>(ScimFilterCondition condition, Expression<Func<T, Guid>> column)
    {
        var id = Guid.TryParse(condition.Value, out var parsed) ? parsed : (Guid?)null;
        Expression<Func<Guid, bool>> test = condition.Operator switch
        {
            "eq" => id is { } eq ? c => c == eq : c => false,
            "ne" => id is { } ne ? c => c != ne : c => true,
            "pr" => c => true,
            _ => throw Unsupported(condition, "eq, ne or pr"),
        };

        return OnColumn(test, column);
    }

    public static ScimException Unsupported(ScimFilterCondition condition, string operators) =>
        ScimException.InvalidFilter(
            $"'{condition.Attribute}' cannot be filtered with '{condition.Operator}'{(condition.Value is null && condition.Operator != "pr" ? " null" : "")}; use {operators}.");

    private static Expression Combine<T>(ScimFilterNode node, ParameterExpression row, Func<ScimFilterCondition, Expression<Func<T, bool>>> condition) => node switch
    {
        ScimFilterLogical { Operator: "and" } and => Expression.AndAlso(Combine(and.Left, row, condition), Combine(and.Right, row, condition)),
        ScimFilterLogical or => Expression.OrElse(Combine(or.Left, row, condition), Combine(or.Right, row, condition)),
        ScimFilterCondition comparison => Inline(condition(comparison), row),
        _ => throw ScimException.InvalidFilter("The filter is not supported."),
    };

    /// <summary><c>row => test(column(row))</c>, inlined so EF Core translates it.</summary>
    private static Expression<Func<T, bool>> OnColumn<T, TColumn>(Expression<Func<TColumn, bool>> test, Expression<Func<T, TColumn>> column) =>
        Expression.Lambda<Func<T, bool>>(new ParameterBinder(test.Parameters[0], column.Body).Visit(test.Body), column.Parameters);

    private static Expression Inline<T>(Expression<Func<T, bool>> lambda, ParameterExpression row) =>
        new ParameterBinder(lambda.Parameters[0], row).Visit(lambda.Body);

    /// <summary>Replaces a lambda's parameter with another expression.</summary>
    private sealed class ParameterBinder(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
