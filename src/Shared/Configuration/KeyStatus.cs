namespace Switchyard.Shared.Configuration;

public enum KeyStatus
{
    Active = 0,
    Revoked = 1,
}
