// These tests start real processes and one of them restarts the shared RabbitMQ broker: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
