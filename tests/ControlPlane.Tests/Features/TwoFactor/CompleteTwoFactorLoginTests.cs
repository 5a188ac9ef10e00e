using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

public sealed class CompleteTwoFactorLoginTests
{
    [Fact]
    public async Task Login_TwoFactorOn_AnswersTotpStepAndNoToken()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        await t.EnrolledMemberAsync("ann@acme.test");

        var response = await t.LoginAsync("ann@acme.test");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("accessToken", body, StringComparison.OrdinalIgnoreCase);
        var step = JsonSerializer.Deserialize<SignInStepDto>(body, SwitchyardJson.Options)!;
        Assert.Equal(SignInSteps.Totp, step.Step);
        Assert.False(string.IsNullOrEmpty(step.Challenge));
    }

    [Fact]
    public async Task SecondStep_CurrentCode_TokenAuthenticatesMe()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");

        var login = await TwoFactorTestHost.ReadAsync<LoginResponse>(await t.SecondStepAsync(step.Challenge, t.CodeNow(key)));

        var me = await t.Host.CreateClient(login.AccessToken).GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options);
        Assert.Equal("ann@acme.test", me!.Email);
    }

    [Fact]
    public async Task SecondStep_CodeOfPreviousStep_AcceptedForClockDrift()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");
        var code = t.CodeNow(key);
        t.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await t.SecondStepAsync(step.Challenge, code)).StatusCode);
    }

    [Fact]
    public async Task SecondStep_CodeTwoStepsOld_Unauthorized()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");
        var code = t.CodeNow(key);
        t.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, (await t.SecondStepAsync(step.Challenge, code)).StatusCode);
    }

    [Fact]
    public async Task SecondStep_SameCodeTwice_SecondRefused()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var code = t.CodeNow(key);

        var first = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, code);
        var replay = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task SecondStep_WrongCodeOrForgedChallengeOrExpired_SameAnswer()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");
        var wrongCode = (int.Parse(t.CodeNow(key), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000;

        var wrong = await t.SecondStepAsync(step.Challenge, wrongCode.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        var forged = await t.SecondStepAsync(step.Challenge + "x", t.CodeNow(key));
        t.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await t.SecondStepAsync(step.Challenge, t.CodeNow(key));

        var answers = new[] { wrong, forged, expired };
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var details = await Task.WhenAll(answers.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        Assert.Single(details.Distinct());
    }

    [Fact]
    public async Task SecondStep_RecoveryCode_WorksOnce()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (_, codes, _) = await t.EnrolledMemberAsync("ann@acme.test");

        var first = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);
        var again = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task SecondStep_FiveWrongCodes_LockedEvenWithRightCode()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");
        for (var i = 0; i < 5; i++)
        {
            await t.SecondStepAsync(step.Challenge, "000000" == t.CodeNow(key) ? "111111" : "000000");
        }

        var right = await t.SecondStepAsync(step.Challenge, t.CodeNow(key));

        Assert.Equal((HttpStatusCode)423, right.StatusCode);
    }

    [Fact]
    public async Task SecondStep_BeyondSignInRateLimit_TooManyRequests()
    {
        await using var t = await TwoFactorTestHost.StartAsync(new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "3" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await t.SecondStepAsync("not-a-challenge", "123456")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
