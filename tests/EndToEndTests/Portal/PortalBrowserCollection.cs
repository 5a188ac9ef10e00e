using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Portal;

/// <summary>The portal's administration pages in Chromium share one all-in-one host (each test makes its own tenant).</summary>
[CollectionDefinition(Name)]
public sealed class PortalBrowserCollection : ICollectionFixture<EmbeddedPlatformFixture>
{
    public const string Name = "Portal in Chromium";
}
