using System.Net;
using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>Groups lists filtered in the database with the users' grammar: <c>eq ne co sw ew pr</c>, <c>and</c>, <c>or</c>, parentheses.</summary>
public sealed class ScimGroupFilterTests
{
    [Theory]
    [InlineData("displayName eq \"search\"", "search")]
    [InlineData("displayName ne \"Search\"", "ranking ops")]
    [InlineData("displayName sw \"R\" or displayName ew \"OPS\"", "ranking ops")]
    [InlineData("displayName co \"ar\"", "search")]
    [InlineData("externalId pr", "search ranking")]
    [InlineData("externalId eq \"G-1\"", "")]
    [InlineData("members pr", "search ranking")]
    [InlineData("members[value eq \"{lin}\"] or displayName eq \"ops\"", "search ops")]
    [InlineData("members.value ne \"{lin}\"", "ranking ops")]
    [InlineData("(displayName sw \"s\" or displayName sw \"r\") and members[value eq \"{max}\"]", "ranking")]
    [InlineData("id eq \"{ops}\" or id eq \"not-a-guid\"", "ops")]
    [InlineData("displayName co \"100%_\"", "")]
    public async Task ListScimGroups_Filter_MatchingGroups(string filter, string expected)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var lin = await UserAsync(scim, "lin@contoso.test");
        var max = await UserAsync(scim, "max@contoso.test");
        var ids = new Dictionary<string, string>
        {
            ["search"] = await GroupAsync(scim, """{"displayName":"Search","externalId":"g-1","members":[{"value":"{lin}"}]}""", lin, max),
            ["ranking"] = await GroupAsync(scim, """{"displayName":"Ranking","externalId":"g-2","members":[{"value":"{max}"}]}""", lin, max),
            ["ops"] = await GroupAsync(scim, """{"displayName":"Ops"}""", lin, max),
        };
        filter = filter.Replace("{lin}", lin, StringComparison.Ordinal).Replace("{max}", max, StringComparison.Ordinal).Replace("{ops}", ids["ops"], StringComparison.Ordinal);
        var answer = (await scim.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString(filter))).Expect(HttpStatusCode.OK);

        var found = answer["Resources"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(name => ids[name]).ToHashSet(), found.ToHashSet());
        Assert.Equal(found.Count, (int)answer["totalResults"]!);
    }

    [Theory]
    [InlineData("members co \"a\"")]
    [InlineData("displayName gt \"a\"")]
    [InlineData("id sw \"0\"")]
    [InlineData("title eq \"boss\"")]
    [InlineData("not (displayName eq \"Search\")")]
    public async Task ListScimGroups_UnsupportedAttributeOrOperator_InvalidFilter(string filter)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString(filter))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task ListScimGroups_FilterAndPage_TotalCountsAllMatchesAndPageHoldsTheNext()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        foreach (var name in new[] { "Team 1", "Other", "Team 2", "Team 3" })
        {
            await GroupAsync(scim, $$"""{"displayName":"{{name}}"}""", "", "");
        }

        var answer = (await scim.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName sw \"team\"") + "&startIndex=2&count=1")).Expect(HttpStatusCode.OK);

        Assert.Equal(3, (int)answer["totalResults"]!);
        Assert.StartsWith("Team ", (string?)Assert.Single(answer["Resources"]!.AsArray())!["displayName"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListScimGroups_NonAsciiNamesInAnotherCase_MatchedLikeUsers()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await ScimCaseFoldingSequence.RunAsync(await ScimHosts.HarnessAsync(host));
    }

    private static async Task<string> UserAsync(ScimHarness scim, string userName) =>
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", $$"""{"userName":"{{userName}}"}""")).Id;

    private static async Task<string> GroupAsync(ScimHarness scim, string json, string lin, string max) =>
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", json.Replace("{lin}", lin, StringComparison.Ordinal).Replace("{max}", max, StringComparison.Ordinal))).Id;
}
