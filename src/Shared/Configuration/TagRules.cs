namespace Switchyard.Shared.Configuration;

/// <summary>
/// Attribution tags (<c>cost-center:4711</c>, <c>app:search</c>, <c>batch</c>): a name of lowercase letters, digits,
/// '-', '_' or '.' (starting with a letter or digit, at most <see cref="NameMaxLength"/>), optionally ':' and a value of
/// letters, digits and <c>-_./@</c> (at most <see cref="ValueMaxLength"/>). A key carries at most <see cref="MaxKeyTags"/>;
/// a request adds at most <see cref="MaxRequestTags"/> with the <see cref="Header"/> header (comma-separated).
/// The control plane validates key tags with these rules, the nodes the header.
/// </summary>
public static class TagRules
{
    public const string Header = "x-switchyard-tags";
    public const int NameMaxLength = 32;
    public const int ValueMaxLength = 64;
    public const int MaxLength = NameMaxLength + 1 + ValueMaxLength;
    public const int MaxKeyTags = 10;
    public const int MaxRequestTags = 5;

    /// <summary>The format in one sentence, for error messages.</summary>
    public const string FormatMessage =
        "A tag is 'name' or 'name:value': the name of lowercase letters, digits, '-', '_' or '.' (starting with a letter or digit, "
        + "at most 32), the value of letters, digits or '-_./@' (at most 64).";

    public static bool IsValid(ReadOnlySpan<char> tag)
    {
        var colon = tag.IndexOf(':');
        var name = colon < 0 ? tag : tag[..colon];
        if (name.Length is 0 or > NameMaxLength || !char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        if (colon < 0)
        {
            return true;
        }

        var value = tag[(colon + 1)..];
        if (value.Length is 0 or > ValueMaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '/' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
