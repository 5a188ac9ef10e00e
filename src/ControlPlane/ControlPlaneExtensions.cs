using Switchyard.ControlPlane.Features.AdminKeys;
using Switchyard.ControlPlane.Features.Analytics;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.ApprovedModels;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.ControlPlane.Features.Chargeback;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Demo;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Features.Invitations;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Features.Pricing;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.ControlPlane.Features.Scim;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.TenantSettings;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Features.TwoFactor;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Jobs;
using Switchyard.ControlPlane.Infrastructure.Startup;
using Switchyard.ControlPlane.Infrastructure.Telemetry;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Egress;
using Switchyard.ServiceDefaults.Health;
using Switchyard.ServiceDefaults.Http;

namespace Switchyard.ControlPlane;

public static class ControlPlaneExtensions
{
    /// <summary>Registers the control plane (admin API, database, config distribution, usage ingestion, jobs).</summary>
    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ControlPlaneMetrics>();
        builder.Services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSwitchyardEgressOptions();

        // Order matters: the database and its start-up steps (run in the order the slices add them) come before the
        // job server and the bus.
        builder.AddControlPlaneDatabase();
        builder.Services.AddStartupInitializer();
        builder.AddAdminApi();
        builder.AddControlPlaneAuth();
        builder.AddSso();
        builder.AddControlPlaneJobs();

        builder.AddConfigDistribution();
        builder.AddAdminKeys();
        builder.AddProviderCredentials();
        builder.AddQuotas();
        builder.AddRoutes();
        builder.Services.AddPolicies();
        builder.AddUsage();
        builder.AddRollups();
        builder.AddBudgets();
        builder.AddBilling();
        builder.AddChargeback();
        builder.AddAudit();
        builder.AddScim();
        builder.AddDemo();
        return builder;
    }

    /// <summary>
    /// Maps the admin API, its OpenAPI document, node endpoints and health; returns the group of all but health so a host
    /// can restrict them (e.g. to a port).
    /// </summary>
    public static IEndpointConventionBuilder MapControlPlane(this WebApplication app)
    {
        app.UseSwitchyardForwardedHeaders();
        app.UseOnce("ControlPlane.AdminAudit", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseMiddleware<AdminAuditAttemptMiddleware>()));
        app.UseOnce("ControlPlane.Errors", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/internal"),
            branch => branch.UseExceptionHandler()));
        app.UseOnce("ControlPlane.BadRequests", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/internal"),
            branch => branch.UseMiddleware<BadRequestProblemMiddleware>()));
        app.UseAdminRequestBodyLimit();
        app.UseOnce("ControlPlane.Csrf", a => a.UseWhen(
            c => c.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseMiddleware<CookieCsrfProtection>()));
        app.UseScim();
        app.UseSwitchyardAuth();
        app.UseOnce("RateLimiter", a => a.UseRateLimiter());
        app.MapSwitchyardHealth();
        app.MapServiceDefaults();

        var root = app.MapGroup("");
        root.MapOpenApi();
        var api = root.MapGroup("/api").DenyUndeclared().AuditAdminActions();
        api.MapAuthEndpoints();
        api.MapSsoSignInEndpoints();
        api.MapTwoFactorEndpoints();
        api.MapInvitationLinkEndpoints();
        api.MapConfigEndpoints();
        api.MapCatalogEndpoints();
        api.MapPricingEndpoints();
        api.MapAdminKeysEndpoints();
        api.MapEgressEndpoints();
        api.MapApprovedModelsEndpoints();
        api.MapUsageRecoveryEndpoints();
        api.MapPlatformAnalyticsEndpoints();
        api.MapBillingEndpoints();
        api.MapPlatformAuditEndpoints();
        var tenant = api.MapTenantsEndpoints();
        tenant.MapTeamsEndpoints();
        tenant.MapPoliciesEndpoints();
        tenant.MapMembersEndpoints();
        tenant.MapInvitationsEndpoints();
        tenant.MapTenantSettingsEndpoints();
        tenant.MapKeysEndpoints();
        tenant.MapTenantAdminKeysEndpoints();
        tenant.MapCredentialsEndpoints();
        tenant.MapRoutesEndpoints();
        tenant.MapUsageEndpoints();
        tenant.MapAnalyticsEndpoints();
        tenant.MapTenantPricingEndpoints();
        tenant.MapQuotasEndpoints();
        tenant.MapBudgetsEndpoints();
        tenant.MapTenantBillingEndpoints();
        tenant.MapChargebackEndpoints();
        tenant.MapAuditEndpoints();
        tenant.MapSsoConfigEndpoints();
        tenant.MapScimTokensEndpoints();
        root.MapNodeEndpoints();
        root.MapBudgetNodeEndpoints();
        root.MapScimEndpoints();
        return root;
    }
}
