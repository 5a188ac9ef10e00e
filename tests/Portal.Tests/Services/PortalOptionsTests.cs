using System.ComponentModel.DataAnnotations;

namespace Switchyard.Portal.Tests.Services;

public sealed class PortalOptionsTests
{
    [Fact]
    public void Validate_MissingControlPlaneUrl_NamesTheSetting()
    {
        var errors = Validate(new PortalOptions());

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(PortalOptions.ControlPlaneUrl)));
    }

    [Fact]
    public void Validate_RelativeControlPlaneUrl_Fails()
    {
        var errors = Validate(new PortalOptions { ControlPlaneUrl = new Uri("api", UriKind.Relative) });

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Portal:ControlPlaneUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AbsoluteUrls_Passes()
    {
        Assert.Empty(Validate(new PortalOptions { ControlPlaneUrl = new Uri("http://127.0.0.1:5000") }));
    }

    private static List<ValidationResult> Validate(PortalOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
