// Every test host consumes the same durable RabbitMQ queues (usage-batch-reported, …): hosts running at once would
// take each other's messages into the wrong database. Run the tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
