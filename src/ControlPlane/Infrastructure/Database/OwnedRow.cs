using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// What <see cref="TenantOwnedQueries.FindOwnedAsync"/> found: the row, or the 404 answer to return when it is missing.
/// <code>
/// var team = await db.Teams.FindOwnedAsync(tenantId, teamId, "The team", cancellationToken);
/// if (team.IsMissing)
/// {
///     return team.NotFound;
/// }
/// </code>
/// </summary>
public readonly struct OwnedRow<T>
    where T : class
{
    private readonly string _what;

    internal OwnedRow(T? row, string what)
    {
        Row = row;
        _what = what;
    }

    public T? Row { get; }

    [MemberNotNullWhen(false, nameof(Row))]
    public bool IsMissing => Row is null;

    /// <summary>404 ProblemDetails naming the row ("The team was not found.").</summary>
    public ProblemHttpResult NotFound => Problems.NotFound(_what);
}
