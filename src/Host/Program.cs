using Switchyard.Host;

// All-in-one host (the README's first command): see AllInOneHost.
AllInOneHost.Build(args).Run();
