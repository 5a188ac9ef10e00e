using Switchyard.ControlPlane.Features.Sso;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

public sealed class SsoConfigValidatorTests
{
    private static readonly SsoConfigRequest Valid = new("https://login.example.com/tenant/v2.0/", "client", "secret", ["Example.COM"]);

    [Fact]
    public void Validate_ValidRequest_NormalisesIssuerDomainsAndDefaults()
    {
        var errors = new ValidationErrors();

        var config = SsoConfigValidator.Validate(Valid, hasStoredSecret: false, errors);

        Assert.True(errors.IsValid);
        Assert.Equal("https://login.example.com/tenant/v2.0", config.Issuer);
        Assert.Equal(["example.com"], config.Domains);
        Assert.Equal(["openid", "profile", "email"], config.Scopes);
        Assert.Equal("groups", config.GroupsClaim);
    }

    [Theory]
    [InlineData("http://idp.example.com", false)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("ftp://idp.example.com", false)]
    [InlineData("https://idp.example.com?x=1", false)]
    [InlineData("http://127.0.0.1:57100", true)]
    [InlineData("http://localhost:8080/realms/acme", true)]
    public void Validate_Issuer_HttpsOrLoopbackHttpOnly(string issuer, bool accepted)
    {
        var errors = Errors(Valid with { Issuer = issuer });

        Assert.Equal(accepted, !errors.ContainsKey("issuer"));
    }

    [Fact]
    public void Validate_NoSecretAndNoneStored_ClientSecretNamed()
    {
        Assert.Contains("clientSecret", Errors(Valid with { ClientSecret = null }).Keys);
        Assert.DoesNotContain("clientSecret", Errors(Valid with { ClientSecret = null }, hasStoredSecret: true).Keys);
    }

    [Fact]
    public void Validate_BadAndDuplicateDomains_EachNamedByIndex()
    {
        var errors = Errors(Valid with { AllowedDomains = ["example.com", "not a domain", "EXAMPLE.com"] });

        Assert.Equal(["allowedDomains[1]", "allowedDomains[2]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_ScopesWithoutOpenid_ScopesNamed()
    {
        Assert.Contains("scopes", Errors(Valid with { Scopes = ["profile", "email"] }).Keys);
    }

    [Fact]
    public void Validate_MappingGrantingPlatformAdminOrNothing_MappingFieldsNamed()
    {
        var errors = Errors(Valid with
        {
            Mappings = [new SsoMappingDto("admins", MemberRole.PlatformAdmin), new SsoMappingDto("nobody"), new SsoMappingDto("", MemberRole.Developer, null, TeamRole.TeamAdmin)],
        });

        Assert.Equal(["mappings[0].role", "mappings[1]", "mappings[2].teamRole", "mappings[2].value"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_DefaultRolePlatformAdmin_DefaultRoleNamed()
    {
        Assert.Contains("defaultRole", Errors(Valid with { DefaultRole = MemberRole.PlatformAdmin }).Keys);
    }

    private static IDictionary<string, string[]> Errors(SsoConfigRequest request, bool hasStoredSecret = false)
    {
        var errors = new ValidationErrors();
        SsoConfigValidator.Validate(request, hasStoredSecret, errors);
        if (errors.IsValid)
        {
            return new Dictionary<string, string[]>();
        }

        return errors.ToProblem().ProblemDetails.Errors;
    }
}
