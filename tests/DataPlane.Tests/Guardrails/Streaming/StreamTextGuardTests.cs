using System.Text.RegularExpressions;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;
using Switchyard.Governance.Streaming;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails.Streaming;

public class StreamTextGuardTests
{
    private const string Answer = "Our roadmap is public. The secret Project Falcon launches in May, tell nobody.";

    [Fact]
    public void Push_BannedTermSplitAtEveryPosition_StoppedBeforeAnyOfItIsReleased()
    {
        for (var split = 1; split < Answer.Length; split++)
        {
            var guard = new StreamTextGuard(new BannedTermMatcher(["project falcon"]), null, _ => DlpActions.Log, holdBack: 8);

            var released = guard.Push(Answer.AsSpan()[..split]) + guard.Push(Answer.AsSpan()[split..]) + guard.Complete();

            Assert.Equal(new GuardViolation(StreamTextGuard.BannedTermsRule, 0), guard.Violation);
            Assert.DoesNotContain("Falcon", released, StringComparison.Ordinal);
            Assert.DoesNotContain("Project", released, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Push_CharacterByCharacterWithoutViolation_ReleasesEverythingInOrder()
    {
        var guard = new StreamTextGuard(new BannedTermMatcher(["project eagle"]), null, _ => DlpActions.Log, holdBack: 16);

        var released = string.Concat(Answer.Select(c => guard.Push([c]))) + guard.Complete();

        Assert.Null(guard.Violation);
        Assert.Equal(Answer, released);
    }

    [Fact]
    public void Push_TextLongerThanTheWindow_ReleasedBeforeTheEnd()
    {
        var guard = new StreamTextGuard(new BannedTermMatcher(["zzz"]), null, _ => DlpActions.Log, holdBack: 10);

        var first = guard.Push(Answer);
        var held = guard.Push("");

        Assert.Equal(Answer[..^10], first);
        Assert.Equal("", held);
        Assert.Equal(Answer[^10..], guard.Complete());
    }

    [Fact]
    public void Push_EmailSplitAcrossChunks_RedactedWhole()
    {
        const string Text = "Please forward the quarterly report to the finance team before Friday. Contact jane.doe@example.com for access, "
            + "or the desk, and keep the meeting notes from last week where the whole team can find them.";
        for (var split = 1; split < Text.Length; split++)
        {
            var guard = new StreamTextGuard(null, new DlpScanner([DlpDetectors.Email]), _ => DlpActions.Redact, holdBack: 8);

            var first = guard.Push(Text.AsSpan()[..split]);
            var released = first + guard.Push(Text.AsSpan()[split..]) + guard.Complete();

            Assert.DoesNotContain("jane", first, StringComparison.Ordinal);
            Assert.Equal(Text.Replace("jane.doe@example.com", "[EMAIL]", StringComparison.Ordinal), released);
        }
    }

    [Fact]
    public void Push_BlockingFinding_StopsTheStream()
    {
        var guard = new StreamTextGuard(null, new DlpScanner([DlpDetectors.Secret]), _ => DlpActions.Block, holdBack: 8);

        var released = guard.Push("Here is the key: sk-proj-") + guard.Push("abcdefghijklmnopqrstuvwxyz0123 and more text after it")
            + guard.Push(" and a long explanation of how to use it that goes on for many more characters than the window holds.");

        Assert.Equal(new GuardViolation(DlpDetectors.Secret), guard.Violation);
        Assert.Equal("", released);
        Assert.Equal("", guard.Push("more"));
        Assert.Equal("", guard.Complete());
    }

    [Fact]
    public void Push_RedactedTermSplitAtEveryPosition_ReplacedWholeAndRecorded()
    {
        var rule = new CompiledGuardrail("p", "codenames", GuardrailTypes.BannedTerms, DlpActions.Redact, false, true,
            ["project falcon"], new BannedTermMatcher(["project falcon"]));
        for (var split = 1; split < Answer.Length; split++)
        {
            var findings = new PolicyFindings();
            var guard = new StreamTextGuard(null, null, _ => DlpActions.Log, holdBack: 4, rules: [rule], findings: findings);

            var released = guard.Push(Answer.AsSpan()[..split]) + guard.Push(Answer.AsSpan()[split..]) + guard.Complete();

            Assert.Null(guard.Violation);
            Assert.Equal(Answer.Replace("Project Falcon", "[REDACTED]", StringComparison.Ordinal), released);
            Assert.Equal(1, Assert.Single(findings.ToUsage()!).Count);
        }
    }

    [Fact]
    public void Push_RedactingPatternSplitAtEveryPosition_ReplacedWhole()
    {
        // The window (24) is longer than the match: a match is only recognised once its text is complete.
        var rule = new CompiledGuardrail("p", "months", GuardrailTypes.Regex, DlpActions.Redact, false, true,
            Pattern: new Regex(@"launches in \w+", RegexOptions.NonBacktracking));
        for (var split = 1; split < Answer.Length; split++)
        {
            var guard = new StreamTextGuard(null, null, _ => DlpActions.Log, holdBack: 24, rules: [rule]);

            var released = string.Concat(guard.Push(Answer.AsSpan()[..split]), guard.Push(Answer.AsSpan()[split..]), guard.Complete());

            Assert.Equal(Answer.Replace("launches in May", "[REDACTED]", StringComparison.Ordinal), released);
        }
    }

    [Fact]
    public void Push_BlockingPattern_StopsBeforeTheMatchIsReleased()
    {
        var rule = new CompiledGuardrail("p", "months", GuardrailTypes.Regex, DlpActions.Block, false, true,
            Pattern: new Regex(@"launches in \w+", RegexOptions.NonBacktracking));
        var guard = new StreamTextGuard(null, null, _ => DlpActions.Log, holdBack: 16, rules: [rule]);

        var released = string.Concat(Answer.Select(c => guard.Push([c]))) + guard.Complete();

        Assert.Equal(new GuardViolation("months", Policy: "p"), guard.Violation);
        Assert.DoesNotContain("launches", released, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_PatternMatchingEverything_StillReleasedPastTheLimit()
    {
        var rule = new CompiledGuardrail("p", "all", GuardrailTypes.Regex, DlpActions.Log, false, true, Pattern: new Regex(".+", RegexOptions.NonBacktracking));
        var guard = new StreamTextGuard(null, null, _ => DlpActions.Log, holdBack: 16, rules: [rule]);

        var released = guard.Push(new string('a', StreamTextGuard.MaxRuleHold + 100));

        Assert.NotEqual("", released);
    }
}
