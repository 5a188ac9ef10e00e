using Switchyard.Portal.Components.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Pages.Routing;

/// <summary>A route as the editor edits it, turned into the <see cref="RouteRequest"/> the admin API takes.</summary>
public sealed class RouteForm
{
    public string PublicModel { get; set; } = string.Empty;

    public string Strategy { get; set; } = RoutingStrategies.Weighted;

    public bool Sticky { get; set; }

    public bool DropUnsupportedParams { get; set; }

    public List<DeploymentForm> Deployments { get; } = [new()];

    public List<string> Fallbacks { get; } = [];

    public List<string> ContextWindowFallbacks { get; } = [];

    public List<string> ContentPolicyFallbacks { get; } = [];

    public ResilienceForm Resilience { get; private init; } = new();

    public static RouteForm From(RouteDto route)
    {
        var form = new RouteForm
        {
            PublicModel = route.PublicModel,
            Strategy = route.Strategy,
            Sticky = route.Sticky,
            DropUnsupportedParams = route.DropUnsupportedParams,
            Resilience = ResilienceForm.From(route),
        };
        form.Deployments.Clear();
        form.Deployments.AddRange(route.Deployments.Select(DeploymentForm.From));
        form.Fallbacks.AddRange(route.Fallbacks ?? []);
        form.ContextWindowFallbacks.AddRange(route.ContextWindowFallbacks ?? []);
        form.ContentPolicyFallbacks.AddRange(route.ContentPolicyFallbacks ?? []);
        return form;
    }

    public RouteRequest ToRequest() => new(
        PublicModel.Trim(),
        [.. Deployments.Select(d => d.ToRequest())],
        Strategy,
        DropUnsupportedParams,
        Fallbacks.Count > 0 ? [.. Fallbacks] : null,
        ContextWindowFallbacks.Count > 0 ? [.. ContextWindowFallbacks] : null,
        ContentPolicyFallbacks.Count > 0 ? [.. ContentPolicyFallbacks] : null,
        Sticky,
        Resilience.ToRetry(),
        Resilience.ToTimeouts(),
        Resilience.ToBreaker());

    /// <summary>The shared rules the control plane applies (<see cref="RouteRules"/>, <see cref="RouteResilienceRules"/>, each deployment's).</summary>
    public FieldErrors Validate()
    {
        var request = ToRequest();
        var ruleErrors = new List<ConfigFieldError>();
        RouteRules.Validate(request.PublicModel, request.Strategy, request.Deployments.Count, ruleErrors);
        RouteResilienceRules.Validate(
            request.PublicModel, request.Fallbacks, request.ContextWindowFallbacks, request.ContentPolicyFallbacks,
            request.Retry, request.Timeouts, request.Breaker, ruleErrors);
        var errors = new FieldErrors();
        errors.Add(string.Empty, ruleErrors);
        for (var i = 0; i < Deployments.Count; i++)
        {
            Deployments[i].Validate($"deployments[{i}].", errors);
        }

        return errors;
    }

    /// <summary>Moves a deployment up (-1) or down (+1) in the list (order matters for display and ties).</summary>
    public void Move(DeploymentForm deployment, int delta)
    {
        var index = Deployments.IndexOf(deployment);
        var target = index + delta;
        if (index < 0 || target < 0 || target >= Deployments.Count)
        {
            return;
        }

        Deployments.RemoveAt(index);
        Deployments.Insert(target, deployment);
    }
}
