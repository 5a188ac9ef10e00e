namespace Switchyard.Governance.Policies;

/// <summary>Use cases, custom detector names and guardrail names: 1–64 characters of lowercase letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
public static class PolicyNames
{
    public const int MaxLength = 64;

    public static bool IsIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !(char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0])))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
