"""Events: detection and merging (``detect``), classification (``classify``), training (``train``)."""
