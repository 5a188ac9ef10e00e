using Switchyard.ControlPlane;
using Switchyard.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddControlPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapControlPlane();
app.Run();
