using System.Text;

namespace Switchyard.Governance.Dlp;

/// <summary>
/// One request's placeholders: the same value always gets the same placeholder (<c>&lt;EMAIL_1&gt;</c>), so the model can
/// still refer to it, and the answer's placeholders are turned back into the values (<see cref="PseudonymRestorer"/>).
/// Lives only in the request's memory.
/// </summary>
public sealed class PseudonymMap
{
    /// <summary>Placeholders are at most this long (<c>&lt;</c>, label, <c>_</c>, number, <c>&gt;</c>).</summary>
    public const int MaxPlaceholderLength = 64;

    private readonly Dictionary<string, string> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public int Count => _byPlaceholder.Count;

    /// <summary>The placeholder for <paramref name="value"/> found by <paramref name="detector"/>.</summary>
    public string PlaceholderFor(string detector, string value)
    {
        if (_byValue.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var label = Label(detector);
        var number = _counters.TryGetValue(label, out var n) ? n + 1 : 1;
        _counters[label] = number;
        var placeholder = $"<{label}_{number}>";
        _byValue[value] = placeholder;
        _byPlaceholder[placeholder] = value;
        return placeholder;
    }

    public bool TryGetValue(string placeholder, out string value) => _byPlaceholder.TryGetValue(placeholder, out value!);

    /// <summary>A detector's label in placeholders and redactions: <c>payment_card</c> → <c>PAYMENT_CARD</c>, <c>custom:emp-id</c> → <c>CUSTOM_EMP_ID</c>.</summary>
    public static string Label(string detector)
    {
        var label = new StringBuilder(Math.Min(detector.Length, 40));
        foreach (var c in detector)
        {
            if (label.Length == 40)
            {
                break;
            }

            label.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return label.ToString();
    }
}
