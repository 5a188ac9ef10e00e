using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Telemetry;

/// <summary>
/// The gateway's spans, when tracing is on (<c>Telemetry:Tracing</c>): the ASP.NET Core span of a gateway request gets the
/// GenAI attributes when the request completes (as a <see cref="IResponseListener"/>), each upstream attempt is a child
/// span (<see cref="StartAttempt"/>), and the caller learns the trace id from <see cref="TraceIdHeader"/>. With tracing off
/// nothing listens to the source or to ASP.NET Core's: no Activity is created on the request path. No prompt or
/// completion text is ever put on a span.
/// </summary>
public sealed class GatewayTracing : IResponseListener
{
    public const string SourceName = "Switchyard.DataPlane";

    public const string TraceIdHeader = "x-switchyard-trace-id";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Func<object, Task> SetTraceIdHeader = static state =>
    {
        var http = (HttpContext)state;
        if (http.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            http.Response.Headers[TraceIdHeader] = activity.TraceId.ToHexString();
        }

        return Task.CompletedTask;
    };

    /// <summary>Called by the pipeline when a request starts: answers with the trace id when the request has a span.</summary>
    internal static void RequestStarted(HttpContext http)
    {
        if (Activity.Current is not null)
        {
            http.Response.OnStarting(SetTraceIdHeader, http);
        }
    }

    /// <summary>True while something records the gateway's spans (tracing on).</summary>
    internal static bool Listening => Source.HasListeners();

    /// <summary>
    /// Whether a stage gets its own child span: the decision stages between authorisation and forwarding — limit, every
    /// guard stage (input guardrails and whatever else is registered between them) and route. Parse and authenticate are
    /// too cheap to be worth a span; forward has one per upstream attempt.
    /// </summary>
    public static bool TracesStage(IGatewayStage stage) => stage.Order >= GatewayStageOrder.Limit && stage.Order < GatewayStageOrder.Forward;

    /// <summary>The span name of a stage: <c>gateway.&lt;stage&gt;</c> (computed once per stage, not per request).</summary>
    public static string StageSpanName(IGatewayStage stage) => "gateway." + stage.Name;

    /// <summary>A child span <paramref name="spanName"/> for one stage (null, and nothing allocated, when nobody records it).</summary>
    internal static Activity? StartStage(string spanName, string stage)
    {
        var activity = Source.StartActivity(spanName, ActivityKind.Internal);
        activity?.SetTag("switchyard.stage", stage);
        return activity;
    }

    /// <summary>Records whether the stage passed the request on; a stage that ended it names the status it answered.</summary>
    internal static void StageEnded(Activity? activity, GatewayContext context, bool passed)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag("switchyard.stage.passed", passed);
        if (!passed)
        {
            var status = context.Outcome.Status ?? context.Http.Response.StatusCode;
            activity.SetTag(GenAiAttributes.Status, status);
            if (context.Outcome.ErrorCode is { } code)
            {
                activity.SetTag(GenAiAttributes.ErrorType, code);
            }
        }
        else if (context.Deployment is { } deployment)
        {
            activity.SetTag(GenAiAttributes.Deployment, deployment.IdText);
        }
    }

    /// <summary>A child span for one upstream attempt (null when nobody records it).</summary>
    internal static Activity? StartAttempt(GatewayContext context, RuntimeDeployment deployment, int attempt)
    {
        var activity = Source.StartActivity("upstream", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            var operation = GenAiAttributes.Operation(context.Endpoint.Name);
            activity.DisplayName = operation + " " + deployment.UpstreamModel;
            activity.SetTag(GenAiAttributes.OperationName, operation);
            activity.SetTag(GenAiAttributes.ProviderName, GenAiAttributes.Provider(deployment.ProviderKind));
            activity.SetTag(GenAiAttributes.RequestModel, deployment.UpstreamModel);
            activity.SetTag(GenAiAttributes.Deployment, deployment.IdText);
            activity.SetTag("switchyard.attempt", attempt);
        }

        return activity;
    }

    /// <summary>Records an attempt's outcome on its span (the caller disposes the span).</summary>
    internal static void AttemptEnded(Activity? activity, GatewayError? error)
    {
        if (error is not null && activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.ErrorType, GenAiAttributes.StatusText(error.Status));
            activity.SetStatus(ActivityStatusCode.Error, error.Code);
        }
    }

    public void Completed(GatewayContext context)
    {
        if (context.Http.Features.Get<IHttpActivityFeature>()?.Activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var outcome = context.Outcome;
        var status = outcome.Status ?? context.Http.Response.StatusCode;
        activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.Operation(context.Endpoint.Name));
        activity.SetTag(GenAiAttributes.Dialect, context.Dialect.Name);
        if (context.Route is { } route)
        {
            activity.SetTag(GenAiAttributes.RequestModel, route.PublicModel);
            activity.SetTag("switchyard.route.id", route.Id.ToString());
        }

        if (context.Deployment is { } deployment)
        {
            activity.SetTag(GenAiAttributes.ProviderName, GenAiAttributes.Provider(deployment.ProviderKind));
            activity.SetTag(GenAiAttributes.ResponseModel, deployment.UpstreamModel);
            activity.SetTag(GenAiAttributes.Deployment, deployment.IdText);
        }

        if (context.Key is { } key)
        {
            activity.SetTag(GenAiAttributes.Tenant, key.TenantId.ToString());
        }

        if (outcome.Usage.InputTokens > 0 || outcome.Usage.OutputTokens > 0)
        {
            activity.SetTag(GenAiAttributes.InputTokens, outcome.Usage.InputTokens);
            activity.SetTag(GenAiAttributes.OutputTokens, outcome.Usage.OutputTokens);
        }

        activity.SetTag("gen_ai.request.stream", context.Stream);
        if (context.Attempts is { Count: > 1 } attempts)
        {
            activity.SetTag("switchyard.attempts", attempts.Count);
        }

        if (status >= 400)
        {
            activity.SetTag(GenAiAttributes.ErrorType, outcome.ErrorCode ?? GenAiAttributes.StatusText(status));
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome.ErrorCode);
            }
        }
    }
}
