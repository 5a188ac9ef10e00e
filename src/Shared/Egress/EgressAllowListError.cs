namespace Switchyard.Shared.Egress;

/// <summary>Why an entry of an <see cref="EgressAllowList"/> was refused.</summary>
/// <param name="List"><see cref="HostsList"/> or <see cref="NetworksList"/>.</param>
/// <param name="Index">The entry's position in its list; null when the error is about the list as a whole.</param>
public sealed record EgressAllowListError(string List, int? Index, string Message)
{
    public const string HostsList = "hosts";
    public const string NetworksList = "networks";
}
