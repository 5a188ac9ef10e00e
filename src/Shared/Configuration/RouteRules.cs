namespace Switchyard.Shared.Configuration;

/// <summary>
/// The rules a route itself (not its deployments, see <see cref="DeploymentRules"/>) must meet for a node to serve it. The
/// control plane refuses a route that breaks them; a node keeps such a route as unavailable (its model answers 503).
/// </summary>
public static class RouteRules
{
    public const int PublicModelMaxLength = 200;
    public const int MaxDeployments = 32;

    /// <summary>Adds an error for each route field that breaks the rules: <c>publicModel</c>, <c>strategy</c>, <c>deployments</c>.</summary>
    public static void Validate(string? publicModel, string? strategy, int deploymentCount, ICollection<ConfigFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(publicModel))
        {
            errors.Add(new ConfigFieldError("publicModel", "The publicModel field is required."));
        }
        else if (publicModel.Length > PublicModelMaxLength)
        {
            errors.Add(new ConfigFieldError("publicModel", $"The publicModel field must be at most {PublicModelMaxLength} characters."));
        }

        if (!RoutingStrategies.IsKnown(strategy))
        {
            errors.Add(new ConfigFieldError("strategy", $"The strategy field must be one of: {string.Join(", ", RoutingStrategies.All)}."));
        }

        if (deploymentCount == 0)
        {
            errors.Add(new ConfigFieldError("deployments", "A route needs at least one deployment."));
        }
        else if (deploymentCount > MaxDeployments)
        {
            errors.Add(new ConfigFieldError("deployments", $"A route can have at most {MaxDeployments} deployments."));
        }
    }
}
