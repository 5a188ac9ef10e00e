using Switchyard.ControlPlane.Features.Pricing;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Pricing;

public sealed class PriceBookTests
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly Guid Deployment = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static ModelPrice Admin(string prefix, decimal input, decimal output, DateTimeOffset from, string? kind = null) => new()
    {
        Id = Guid.CreateVersion7(), ModelPrefix = prefix, ProviderKind = kind, InputPerMTok = input, OutputPerMTok = output, EffectiveFrom = from,
    };

    private static DeploymentPrice? Resolve(PriceBook book, string kind, string model, decimal? input = null, decimal? output = null) =>
        book.Resolve(Tenant, Deployment, kind, model, input, output);

    [Fact]
    public void Resolve_BuiltInRow_MatchesByLongestPrefixThroughBedrockProfiles()
    {
        var book = new PriceBook([], [], Now);

        var mini = Resolve(book, ProviderKinds.OpenAI, "gpt-4o-mini-2024-07-18")!;
        var claude = Resolve(book, ProviderKinds.Bedrock, "us.anthropic.claude-3-7-sonnet-20250219-v1:0")!;

        Assert.Equal((0.15m, 0.60m, 0.075m, "builtin-2025-11:gpt-4o-mini"), (mini.InputPerMTok, mini.OutputPerMTok, mini.CachedInputPerMTok, mini.Version));
        Assert.Equal((3m, 15m, 0.3m, 3.75m), (claude.InputPerMTok, claude.OutputPerMTok, claude.CachedInputPerMTok, claude.CacheWritePerMTok));
        Assert.Equal(DeploymentPrice.FromCatalog, claude.Source);
    }

    [Fact]
    public void Resolve_AdminVersions_TheLatestInEffectAtTheBookTimeWinsOverBuiltIn()
    {
        var v1 = Admin("gpt-4o", 2m, 8m, Now.AddDays(-10));
        var v2 = Admin("gpt-4o", 1m, 4m, Now.AddDays(-1));
        var future = Admin("gpt-4o", 0.5m, 2m, Now.AddDays(1));
        ModelPrice[] rows = [v1, v2, future];

        Assert.Equal(v1.Version, Resolve(new PriceBook(rows, [], Now.AddDays(-5)), ProviderKinds.OpenAI, "gpt-4o")!.Version);
        Assert.Equal((v2.Version, 1m), (Resolve(new PriceBook(rows, [], Now), ProviderKinds.OpenAI, "gpt-4o")!.Version, Resolve(new PriceBook(rows, [], Now), ProviderKinds.OpenAI, "gpt-4o")!.InputPerMTok));
        Assert.Equal("builtin-2025-11:gpt-4o", Resolve(new PriceBook(rows, [], Now.AddDays(-20)), ProviderKinds.OpenAI, "gpt-4o")!.Version);
    }

    [Fact]
    public void Resolve_KindSpecificRow_BeatsAKindlessOneOfTheSamePrefix()
    {
        var azure = Admin("gpt-4o", 2.75m, 11m, Now.AddDays(-1), ProviderKinds.AzureOpenAI);
        var book = new PriceBook([azure], [], Now);

        Assert.Equal(2.75m, Resolve(book, ProviderKinds.AzureOpenAI, "gpt-4o")!.InputPerMTok);
        Assert.Equal(2.5m, Resolve(book, ProviderKinds.OpenAI, "gpt-4o")!.InputPerMTok);
    }

    [Theory]
    [InlineData(ProviderKinds.Mock, "gpt-4o")]
    [InlineData(ProviderKinds.Vllm, "gpt-oss-120b")]
    [InlineData(ProviderKinds.Ollama, "llama3.1")]
    [InlineData(ProviderKinds.OpenAI, "acme-finetune")]
    public void Resolve_SelfHostedMockOrUnknownModel_HasNoPrice(string kind, string model)
    {
        Assert.Null(Resolve(new PriceBook([], [], Now), kind, model));
    }

    [Fact]
    public void Resolve_TenantDiscount_ScalesEveryCatalogPriceAndNamesBothVersions()
    {
        var tenant = new TenantPricing { TenantId = Tenant, DiscountPercent = 20, Version = Guid.CreateVersion7() };

        var price = Resolve(new PriceBook([], [tenant], Now), ProviderKinds.Anthropic, "claude-sonnet-4-5")!;

        Assert.Equal((2.4m, 12m, 0.24m, 3m), (price.InputPerMTok, price.OutputPerMTok, price.CachedInputPerMTok, price.CacheWritePerMTok));
        Assert.Equal($"builtin-2025-11:claude-sonnet-4;{tenant.VersionText}", price.Version);
        Assert.Equal(DeploymentPrice.FromTenant, price.Source);
    }

    [Fact]
    public void Resolve_TenantModelPrice_WinsOverTheDiscountedCatalog()
    {
        var tenant = new TenantPricing
        {
            TenantId = Tenant, DiscountPercent = 50, Version = Guid.CreateVersion7(),
            ModelPrices = [new TenantModelPrice(null, "gpt-4o", 1m, 3m, CachedInputPerMTok: 0.5m)],
        };

        var price = Resolve(new PriceBook([], [tenant], Now), ProviderKinds.OpenAI, "gpt-4o-2024-08-06")!;
        var other = Resolve(new PriceBook([], [tenant], Now), ProviderKinds.OpenAI, "gpt-4.1")!;

        Assert.Equal((1m, 3m, 0.5m, $"{tenant.VersionText}#0"), (price.InputPerMTok, price.OutputPerMTok, price.CachedInputPerMTok, price.Version));
        Assert.Equal(1m, other.InputPerMTok);
    }

    [Fact]
    public void Resolve_ExplicitDeploymentPrice_WinsOverTenantAndCatalog()
    {
        var tenant = new TenantPricing
        {
            TenantId = Tenant, DiscountPercent = 50, Version = Guid.CreateVersion7(), ModelPrices = [new TenantModelPrice(null, "gpt-4o", 1m, 3m)],
        };

        var price = Resolve(new PriceBook([Admin("gpt-4o", 9m, 9m, Now.AddDays(-1))], [tenant], Now), ProviderKinds.OpenAI, "gpt-4o", 0.2m, 0.8m)!;

        Assert.Equal((0.2m, 0.8m, DeploymentPrice.FromDeployment), (price.InputPerMTok, price.OutputPerMTok, price.Source));
        Assert.Null(price.CachedInputPerMTok);
        Assert.Equal($"deployment:{Deployment:N}:0.2/0.8", price.Version);
    }

    [Fact]
    public void Resolve_OtherTenantsOverride_DoesNotApply()
    {
        var other = new TenantPricing { TenantId = Guid.CreateVersion7(), DiscountPercent = 90, Version = Guid.CreateVersion7() };

        Assert.Equal(2.5m, Resolve(new PriceBook([], [other], Now), ProviderKinds.OpenAI, "gpt-4o")!.InputPerMTok);
    }

    [Fact]
    public void BuiltInRows_EveryPrefixLowercaseAndUniquePerKind()
    {
        Assert.All(BuiltInPrices.Rows, r => Assert.Equal(r.ModelPrefix.ToLowerInvariant(), r.ModelPrefix));
        Assert.Equal(BuiltInPrices.Rows.Count, BuiltInPrices.Rows.Select(r => (r.ProviderKind, r.ModelPrefix)).Distinct().Count());
    }
}
