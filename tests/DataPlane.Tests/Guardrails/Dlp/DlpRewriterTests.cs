using Switchyard.Governance.Dlp;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails.Dlp;

public class DlpRewriterTests
{
    private static readonly DlpScanner Scanner = new(DlpDetectors.All);

    [Theory]
    [InlineData(DlpActions.Redact, "Mail [EMAIL] or call [PHONE], card [PAYMENT_CARD].")]
    [InlineData(DlpActions.Mask, "Mail j***@example.com or call +* (***) ***-4567, card ****-****-****-1111.")]
    [InlineData(DlpActions.Pseudonymize, "Mail <EMAIL_1> or call <PHONE_1>, card <PAYMENT_CARD_1>.")]
    [InlineData(DlpActions.Log, "Mail jane@example.com or call +1 (555) 123-4567, card 4111-1111-1111-1111.")]
    public void Rewrite_Action_AppliedToEveryFinding(string action, string expected)
    {
        const string Text = "Mail jane@example.com or call +1 (555) 123-4567, card 4111-1111-1111-1111.";

        Assert.Equal(expected, Rewrite(Text, _ => action, new PseudonymMap()));
    }

    [Fact]
    public void Rewrite_SameValueTwice_SamePlaceholderAndTheMapRestoresIt()
    {
        var map = new PseudonymMap();

        var rewritten = Rewrite("a@example.com wrote to b@example.com and a@example.com", _ => DlpActions.Pseudonymize, map);

        Assert.Equal("<EMAIL_1> wrote to <EMAIL_2> and <EMAIL_1>", rewritten);
        Assert.Equal("a@example.com wrote to b@example.com and a@example.com", new PseudonymRestorer(map).Restore(rewritten));
    }

    [Theory]
    [InlineData(DlpDetectors.Secret, "sk-proj-abcdefghijklmnop", "sk-p***")]
    [InlineData(DlpDetectors.IpAddress, "192.168.10.24", "192.168.*.*")]
    [InlineData(DlpDetectors.UsSsn, "123-45-6789", "***-**-6789")]
    [InlineData(DlpDetectors.Iban, "GB82WEST12345698765432", "******************5432")]
    [InlineData("custom:pin", "1234", "****")]
    public void Mask_Detector_KeepsOnlyWhatIdentifiesNothing(string detector, string value, string expected)
    {
        var masked = new System.Text.StringBuilder();

        DlpRewriter.Mask(detector, value, masked);

        Assert.Equal(expected, masked.ToString());
    }

    private static string Rewrite(string text, Func<string, string> actionOf, PseudonymMap map)
    {
        var findings = new List<DlpFinding>();
        Scanner.Scan(text, findings);
        return DlpRewriter.Rewrite(text, findings, actionOf, map);
    }
}
