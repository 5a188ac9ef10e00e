using Switchyard.Governance.Dlp;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails.Dlp;

public class PseudonymRestorerTests
{
    [Fact]
    public void Push_PlaceholderSplitAtEveryPosition_RestoredExactlyOnce()
    {
        var map = new PseudonymMap();
        var placeholder = map.PlaceholderFor(DlpDetectors.Email, "jane@example.com");
        const string Answer = "Sure, I wrote to <EMAIL_1> and to <EMAIL_1>. <b>Done</b> <UNKNOWN_9> 3 < 4";
        Assert.Equal("<EMAIL_1>", placeholder);

        for (var split = 0; split <= Answer.Length; split++)
        {
            for (var second = split; second <= Answer.Length; second++)
            {
                var restorer = new PseudonymRestorer(map);
                var output = restorer.Push(Answer.AsSpan()[..split]) + restorer.Push(Answer.AsSpan()[split..second]) + restorer.Push(Answer.AsSpan()[second..]) + restorer.Flush();

                Assert.Equal("Sure, I wrote to jane@example.com and to jane@example.com. <b>Done</b> <UNKNOWN_9> 3 < 4", output);
            }
        }
    }

    [Fact]
    public void Push_TextWithoutPlaceholderStart_ReleasedImmediately()
    {
        var map = new PseudonymMap();
        map.PlaceholderFor(DlpDetectors.Email, "x@example.com");
        var restorer = new PseudonymRestorer(map);

        Assert.Equal("Hello there", restorer.Push("Hello there"));
        Assert.Equal(" ", restorer.Push(" <EMA"));
        Assert.Equal("x@example.com!", restorer.Push("IL_1>!"));
    }
}
