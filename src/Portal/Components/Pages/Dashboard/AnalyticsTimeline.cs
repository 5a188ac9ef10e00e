using System.Globalization;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Pages.Dashboard;

/// <summary>
/// One slot per interval of an analytics answer, including the intervals without usage (the API returns only intervals
/// that had some), with short x-axis labels (every n-th labelled so that at most about 12 show).
/// </summary>
public sealed class AnalyticsTimeline
{
    private const int MaxLabels = 12;

    private AnalyticsTimeline(string[] labels, AnalyticsPointDto?[] points)
    {
        Labels = labels;
        Points = points;
    }

    public string[] Labels { get; }

    public AnalyticsPointDto?[] Points { get; }

    public static AnalyticsTimeline From(AnalyticsDto analytics, AnalyticsSeriesDto series)
    {
        var step = analytics.Interval == "day" ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        var first = analytics.Interval == "day" ? new DateTimeOffset(analytics.From.UtcDateTime.Date, TimeSpan.Zero) : analytics.From;
        var count = Math.Max(1, (int)Math.Ceiling((analytics.To - first) / step));
        var byStart = series.Points.ToDictionary(p => p.Start.ToUniversalTime());
        var every = Math.Max(1, (int)Math.Ceiling(count / (double)MaxLabels));
        var labels = new string[count];
        var points = new AnalyticsPointDto?[count];
        for (var i = 0; i < count; i++)
        {
            var start = first + step * i;
            points[i] = byStart.GetValueOrDefault(start);
            labels[i] = i % every != 0 ? string.Empty
                : start.UtcDateTime.ToString(analytics.Interval == "day" ? "MM-dd" : count <= 24 ? "HH:mm" : "MM-dd HH'h'", CultureInfo.InvariantCulture);
        }

        return new AnalyticsTimeline(labels, points);
    }

    /// <summary>One value per slot; an empty slot or a missing value is 0.</summary>
    public double[] Values(Func<AnalyticsPointDto, double?> value) => Points.Select(p => p is null ? 0 : value(p) ?? 0).ToArray();
}
