namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// List paging (RFC 7644 §3.4.2.4): <c>startIndex</c> is 1-based (below 1 means 1), <c>count</c> defaults to and is
/// capped at <see cref="ScimOptions.MaxPageSize"/> (below 0 means 0).
/// </summary>
public readonly record struct ScimPage(int StartIndex, int Count)
{
    public int Skip => StartIndex - 1;

    public static ScimPage From(int? startIndex, int? count, int maxPageSize) =>
        new(Math.Max(1, startIndex ?? 1), Math.Clamp(count ?? maxPageSize, 0, maxPageSize));
}
