using System.Text.RegularExpressions;

namespace Switchyard.Governance.Dlp;

/// <summary>
/// The built-in detectors' candidate patterns (source-generated, linear in the input, with a match timeout as a second
/// guard). A candidate becomes a finding only after its check in <see cref="DlpScanner"/>.
/// </summary>
internal static partial class DlpPatterns
{
    // Linear patterns: the timeout only guards against a mistake in them, so it is generous. A match call scans from its
    // start to the next candidate, so a large prompt without any on a busy node may take a while; 250 ms refused a
    // 1 MB prompt under load (found by DlpScannerTests.Scan_HugeInputWithoutMatches_DoesNotTimeOut).
    private const int TimeoutMs = 2000;

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])",
        RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Email();

    /// <summary>An international or national number: optional +country code, then groups of digits (the digit count is checked).</summary>
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?![\w])",
        RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Phone();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex PaymentCard();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Iban();

    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex UsSsn();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex IPv4();

    /// <summary>Well-known credential formats: AI providers, clouds, code hosts, payment and chat APIs, JWTs, PEM private keys.</summary>
    [GeneratedRegex(
        @"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]{0,8192}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----)?"
        + @"|(?<![A-Za-z0-9_-])(?:"
        + @"sk-(?:ant-|proj-|svcacct-|admin-|sy-|sya-)?[A-Za-z0-9_-]{20,}"      // OpenAI, Anthropic, Switchyard
        + @"|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"                               // AWS access key id
        + @"|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255}"     // GitHub
        + @"|glpat-[A-Za-z0-9_-]{20,}"                                          // GitLab
        + @"|AIza[0-9A-Za-z_-]{35}"                                             // Google API key
        + @"|xox[abprs]-[A-Za-z0-9-]{10,}"                                      // Slack
        + @"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9]{20,}" // Stripe
        + @"|hf_[A-Za-z0-9]{30,}"                                               // Hugging Face
        + @"|gsk_[A-Za-z0-9]{40,}"                                              // Groq
        + @"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"      // JWT
        + @")(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex KnownSecret();

    /// <summary>Long unbroken runs of token characters: secrets when their entropy is high (see <see cref="DlpScanner"/>).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{32,512}(?![A-Za-z0-9+/=_-])", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Token();
}
