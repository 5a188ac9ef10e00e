using System.Net;
using StackExchange.Redis;
using Switchyard.Shared.Configuration;

namespace Switchyard.IntegrationTests.DataPlane;

/// <summary>
/// A budget shared in a real Redis by four data-plane node processes under concurrent load: every admitted request
/// reserved its worst case before it was forwarded, so what was spent never goes over the budget, and what is left
/// unspent is less than the reservations that can be in flight at once.
/// </summary>
public class RedisBudgetTests
{
    /// <summary>100 µ$ an input token, 1 000 µ$ an output token.</summary>
    private static readonly DeploymentPrice Price = new("it-v1", DeploymentPrice.FromCatalog, 100m, 1000m);

    [Fact]
    public async Task Chat_FourNodesUnderConcurrentLoad_SpendStaysWithinTheBudgetAndReservationsInFlight()
    {
        const long budget = 1_000_000;
        const int parallel = 32;
        const int maxTokens = 50;
        await using var nodes = await LimitNodes.StartAsync(4, TestServices.Redis, null, redisTimeoutMilliseconds: 2000,
            keyBudget: new Budget(budget / 1_000_000m, BudgetPeriods.Total), price: Price);
        await nodes.WaitForStoreAsync("by 4 node(s)");

        var statuses = await nodes.LoadAsync(400, parallel, maxTokens);

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var spent = await SettledSpendAsync(TestServices.Redis, $"{nodes.Prefix}key:{nodes.KeyId:N}::s:total");
        // The worst case of one request: its input estimate (< 30 tokens) and max_tokens at the output price.
        const long worstCase = 30 * 100 + maxTokens * 1000;
        Assert.InRange(spent, budget - (parallel * worstCase), budget);
    }

    /// <summary>The counter once the nodes' batched settlements stopped moving it.</summary>
    private static async Task<long> SettledSpendAsync(string connection, string counter)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
        var database = redis.GetDatabase();
        long last = -1;
        for (var i = 0; i < 50; i++)
        {
            var value = (long)await database.StringGetAsync(counter);
            if (value == last)
            {
                return value;
            }

            last = value;
            await Task.Delay(200);
        }

        return last;
    }
}
