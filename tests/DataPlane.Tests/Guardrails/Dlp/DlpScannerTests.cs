using System.Text.RegularExpressions;
using Switchyard.Governance.Dlp;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails.Dlp;

public class DlpScannerTests
{
    private static readonly DlpScanner All = new(DlpDetectors.All);

    [Theory]
    [MemberData(nameof(DlpCorpus.Positives), MemberType = typeof(DlpCorpus))]
    public void Scan_TruePositive_FoundByItsDetector(string detector, string text)
    {
        var findings = Scan(All, text);

        Assert.Contains(findings, f => f.Detector == detector);
    }

    [Theory]
    [MemberData(nameof(DlpCorpus.Negatives), MemberType = typeof(DlpCorpus))]
    public void Scan_LookAlike_NotFoundByThatDetector(string detector, string text)
    {
        var findings = Scan(new DlpScanner([detector]), text);

        Assert.Empty(findings);
    }

    [Fact]
    public void Scan_SeveralKinds_ReportsEachAtItsPositionInOrder()
    {
        const string Text = "Mail bob@example.com, card 4111-1111-1111-1111, from 10.0.0.1";

        var findings = Scan(All, Text);

        Assert.Equal(
            [(DlpDetectors.Email, "bob@example.com"), (DlpDetectors.PaymentCard, "4111-1111-1111-1111"), (DlpDetectors.IpAddress, "10.0.0.1")],
            findings.Select(f => (f.Detector, Text.Substring(f.Index, f.Length))));
    }

    [Fact]
    public void Scan_OverlappingDetectors_FirstListedWins()
    {
        // A Luhn-valid card number is also a digit run a phone pattern could take.
        var findings = Scan(All, "4111 1111 1111 1111");

        Assert.Equal(DlpDetectors.PaymentCard, Assert.Single(findings).Detector);
    }

    [Fact]
    public void Scan_OnlyEnabledDetectors_OthersIgnored()
    {
        var findings = Scan(new DlpScanner([DlpDetectors.Email]), "bob@example.com 4111 1111 1111 1111");

        Assert.Equal(DlpDetectors.Email, Assert.Single(findings).Detector);
    }

    [Fact]
    public void Scan_CustomRule_FoundUnderItsName()
    {
        var rule = DlpCustomRule.TryCreate("employee-id", @"EMP-\d{6}", out var error)!;

        var findings = Scan(new DlpScanner([], [rule]), "badge EMP-004211 issued");

        Assert.Null(error);
        Assert.Equal(new DlpFinding("custom:employee-id", 6, 10), Assert.Single(findings));
    }

    [Fact]
    public void TryCreate_CatastrophicBacktrackingPattern_RunsInLinearTime()
    {
        // (a+)+$ on "aaa…!" takes exponential time in a backtracking engine (and would throw at the timeout).
        var rule = DlpCustomRule.TryCreate("redos", "(a+)+$", out _)!;

        var findings = Scan(new DlpScanner([], [rule]), new string('a', 50_000) + "!");

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData(@"(\w)\1")]
    [InlineData(@"(?<=x)y")]
    [InlineData("(unclosed")]
    [InlineData("")]
    public void TryCreate_UnsupportedOrInvalidPattern_RefusedWithAReason(string pattern)
    {
        var rule = DlpCustomRule.TryCreate("bad", pattern, out var error);

        Assert.Null(rule);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Scan_HugeInputWithoutMatches_DoesNotTimeOut()
    {
        var text = string.Concat(Enumerable.Repeat("The quick brown fox 12 jumps over 3.4 lazy dogs @ noon. ", 20_000));

        var exception = Record.Exception(() => Scan(All, text));

        Assert.False(exception is RegexMatchTimeoutException, exception?.Message);
    }

    private static List<DlpFinding> Scan(DlpScanner scanner, string text)
    {
        var findings = new List<DlpFinding>();
        scanner.Scan(text, findings);
        return findings;
    }
}
