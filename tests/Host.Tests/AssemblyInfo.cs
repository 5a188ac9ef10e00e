// Each test class runs the whole all-in-one host in this process (Hangfire and the in-memory bus keep process-wide
// state, and the outbound-connection test listens to every socket of the process): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
