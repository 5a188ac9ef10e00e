using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Costs;

/// <summary>
/// The token counts a request is billed for. A request that ended normally is billed for the provider's usage. A stream that
/// was cut or abandoned (by the caller, a timeout, the upstream) after output reached the caller is billed for what was
/// produced: the provider's counts where they cover it, else an estimate — output from the streamed text, input from the
/// request body — at <see cref="CharactersPerToken"/> characters per token, and the record is flagged estimated. So is a
/// complete stream whose provider reported no output tokens at all.
/// </summary>
public static class UsageSettlement
{
    /// <summary>The estimate's ratio (OpenAI's rule of thumb for English text).</summary>
    public const int CharactersPerToken = 4;

    /// <param name="reported">The provider's last usage report (default when none arrived).</param>
    /// <param name="endedNormally">The response completed without an error or an abort (its usage report, if any, is final).</param>
    /// <param name="streamedCharacters">Characters of output text that went to the caller.</param>
    /// <param name="requestBytes">The request body's size (the input estimate when the provider reported none).</param>
    /// <param name="estimated">True when any count is the node's estimate.</param>
    public static TokenUsage Settle(TokenUsage reported, bool endedNormally, int streamedCharacters, int requestBytes, out bool estimated)
    {
        estimated = false;
        if (streamedCharacters <= 0 || endedNormally && reported.OutputTokens > 0)
        {
            return reported;
        }

        var output = Tokens(streamedCharacters);
        var usage = reported;
        if (reported.OutputTokens < output)
        {
            usage = usage with { OutputTokens = output, ReasoningTokens = Math.Min(reported.ReasoningTokens, output) };
            estimated = true;
        }

        if (reported.InputTokens <= 0)
        {
            usage = usage with { InputTokens = Tokens(requestBytes) };
            estimated = true;
        }

        return usage;
    }

    private static int Tokens(int characters) => (int)Math.Min(int.MaxValue, ((long)Math.Max(0, characters) + CharactersPerToken - 1) / CharactersPerToken);
}
