namespace Switchyard.Governance.Dlp;

/// <summary>The checksums and measures that turn a pattern match into a finding (a card number passes Luhn, an IBAN mod-97).</summary>
public static class DlpChecks
{
    /// <summary>True when the digits of <paramref name="text"/> (separators ignored) pass the Luhn check.</summary>
    public static bool Luhn(ReadOnlySpan<char> text)
    {
        var sum = 0;
        var digits = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is ' ' or '-')
            {
                continue;
            }

            var d = c - '0';
            if ((digits++ & 1) == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>True for a card number's issuer prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay) and length.</summary>
    public static bool CardIssuer(ReadOnlySpan<char> digits)
    {
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var p2 = Prefix(digits, 2);
        var p3 = Prefix(digits, 3);
        var p4 = Prefix(digits, 4);
        return digits.Length switch
        {
            _ when digits[0] == '4' => digits.Length is 13 or 16 or 19,
            16 when p2 is >= 51 and <= 55 || p4 is >= 2221 and <= 2720 => true,
            15 => p2 is 34 or 37,
            14 => p2 is 36 or 38 || p3 is >= 300 and <= 305,
            >= 16 => p4 == 6011 || p2 == 65 || p3 is >= 644 and <= 649 || p4 is >= 3528 and <= 3589 || p2 == 62,
            _ => false,
        };
    }

    private static int Prefix(ReadOnlySpan<char> digits, int length)
    {
        var value = 0;
        for (var i = 0; i < length; i++)
        {
            value = (value * 10) + (digits[i] - '0');
        }

        return value;
    }

    /// <summary>True for an IBAN (spaces ignored) of its country's length whose mod-97 check is 1.</summary>
    public static bool Iban(ReadOnlySpan<char> text)
    {
        Span<char> compact = stackalloc char[40];
        var length = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == compact.Length)
            {
                return false;
            }

            compact[length++] = c;
        }

        var iban = compact[..length];
        if (length < 15 || !IbanLengths.TryGetValue(new string(iban[..2]), out var expected) || expected != length)
        {
            return false;
        }

        // Move the first four characters to the end; letters count as 10..35; the remainder mod 97 must be 1.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = iban[(i + 4) % length];
            var value = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        counts.Clear();
        var other = 0;
        foreach (var c in text)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / text.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = (double)other / text.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    // ISO 13616 registry lengths (SWIFT IBAN registry, 2025).
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };
}
