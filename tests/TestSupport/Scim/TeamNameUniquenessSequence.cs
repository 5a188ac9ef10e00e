using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Xunit;

namespace Switchyard.Testing.Scim;

/// <summary>
/// Team names clash regardless of case (also outside ASCII) on every database and through every way a team is named:
/// the admin API's create and rename answer 409 ProblemDetails naming <c>name</c>, SCIM's create, replace and patch
/// 409 <c>uniqueness</c>; a team may still change the case of its own name. Creates racing with one name in several cases
/// end with exactly one team, and the database alone refuses a second team whose name differs only in case.
/// </summary>
public static class TeamNameUniquenessSequence
{
    public static async Task RunAsync(ScimHarness scim)
    {
        var teams = $"/api/tenants/{scim.TenantId}/teams";
        var doctors = await CreatedAsync(await scim.Admin.PostAsJsonAsync(teams, new CreateTeamRequest("Ärzte Ümlaut"), SwitchyardJson.Options));
        var search = await CreatedAsync(await scim.Admin.PostAsJsonAsync(teams, new CreateTeamRequest("Search"), SwitchyardJson.Options));

        await ExpectNameConflictAsync(await scim.Admin.PostAsJsonAsync(teams, new CreateTeamRequest("ärzte ümlaut"), SwitchyardJson.Options));
        await ExpectNameConflictAsync(await scim.Admin.PatchAsJsonAsync($"{teams}/{search.Id}", new UpdateTeamRequest("ÄRZTE ÜMLAUT"), SwitchyardJson.Options));
        (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"ärzte ümlaut"}""")).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Groups/{search.Id}", """{"displayName":"ÄRZTE ümlaut"}""")).ExpectError(HttpStatusCode.Conflict, "uniqueness");
        (await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Groups/{search.Id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"ärzte ÜMLAUT"}]}"""))
            .ExpectError(HttpStatusCode.Conflict, "uniqueness");

        var recased = await scim.Admin.PatchAsJsonAsync($"{teams}/{doctors.Id}", new UpdateTeamRequest("ÄRZTE ÜMLAUT"), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        (await scim.SendAsync(HttpMethod.Put, $"/scim/v2/Groups/{search.Id}", """{"displayName":"search"}""")).Expect(HttpStatusCode.OK);
        var names = (await scim.Admin.GetFromJsonAsync<TeamDto[]>(teams, SwitchyardJson.Options))!.Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["search", "ÄRZTE ÜMLAUT"], names);

        var clash = await scim.SaveTeamDirectlyAsync("SEARCH");
        Assert.NotNull(clash);
        Assert.True(DbErrors.IsUniqueViolation(clash));
        Assert.Null(await scim.SaveTeamDirectlyAsync("Search Two"));

        string[] spellings = ["Billing", "BILLING", "billing", "bILLING", "BiLLiNg", "billinG"];
        var racing = await Task.WhenAll(spellings.Select(n => scim.Admin.PostAsJsonAsync(teams, new CreateTeamRequest(n), SwitchyardJson.Options)));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in racing.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ExpectNameConflictAsync(refused);
        }
    }

    private static async Task<TeamDto> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!;
    }

    private static async Task ExpectNameConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("name", body.RootElement.GetProperty("field").GetString());
    }
}
