using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>A key's attribution fields: tags (<see cref="TagRules"/>, at most <see cref="TagRules.MaxKeyTags"/>) and free metadata.</summary>
public static class KeyAttribution
{
    public const int MaxMetadataEntries = 20;
    public const int MetadataNameMaxLength = 64;
    public const int MetadataValueMaxLength = 256;

    public static void Validate(ValidationErrors errors, IReadOnlyList<string>? tags, IReadOnlyDictionary<string, string>? metadata)
    {
        if (tags is not null)
        {
            if (tags.Count > TagRules.MaxKeyTags)
            {
                errors.Add("tags", $"A key carries at most {TagRules.MaxKeyTags} tags.");
            }

            for (var i = 0; i < tags.Count; i++)
            {
                if (tags[i] is not { } tag || !TagRules.IsValid(tag.Trim()))
                {
                    errors.Add($"tags[{i}]", TagRules.FormatMessage);
                }
            }
        }

        if (metadata is not null)
        {
            if (metadata.Count > MaxMetadataEntries)
            {
                errors.Add("metadata", $"At most {MaxMetadataEntries} metadata entries.");
            }

            foreach (var (name, value) in metadata)
            {
                if (string.IsNullOrWhiteSpace(name) || name.Length > MetadataNameMaxLength)
                {
                    errors.Add("metadata", $"Metadata names must be 1 to {MetadataNameMaxLength} characters.");
                }
                else if (value is null || value.Length > MetadataValueMaxLength)
                {
                    errors.Add($"metadata.{name}", $"Metadata values must be at most {MetadataValueMaxLength} characters.");
                }
            }
        }
    }

    /// <summary>Tags as stored: trimmed, distinct, in the order given.</summary>
    public static List<string> NormalizeTags(IReadOnlyList<string>? tags) =>
        tags is null ? [] : tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
