namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>The provider test classes share one <see cref="ProviderPlatform"/> (one host, one fake upstream, one set of routes).</summary>
[CollectionDefinition(ProviderPlatform.Collection)]
public sealed class ProviderPlatformCollection : ICollectionFixture<ProviderPlatform>;
