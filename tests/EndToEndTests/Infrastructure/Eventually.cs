namespace Switchyard.EndToEndTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds, returning how long it took; throws after the timeout.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            if (await condition())
            {
                return DateTime.UtcNow - started;
            }

            if (DateTime.UtcNow - started > timeout)
            {
                throw new TimeoutException($"Not within {timeout}: {what}");
            }

            await Task.Delay(50);
        }
    }
}
