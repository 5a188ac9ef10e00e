namespace Switchyard.Portal.Components.Shared;

/// <summary>Attribution tags in a form field: comma-separated.</summary>
public static class TagText
{
    /// <summary>Tags as typed: trimmed, empty ones dropped, distinct, in order.</summary>
    public static List<string> Parse(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public static string Join(IReadOnlyList<string>? tags) => tags is null ? "" : string.Join(", ", tags);
}
