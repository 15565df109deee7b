// Each collection starts its own Azurite and worker process; on two cores they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
