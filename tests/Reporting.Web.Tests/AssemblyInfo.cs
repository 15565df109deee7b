// One Azurite and, for the journeys, one browser: on two cores the collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
