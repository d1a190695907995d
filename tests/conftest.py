"""Suite-wide settings.

Hypothesis: the machine (2 cores, CI on the same box) can be slow for a moment;
a slow first draw or example is not a failure, so the timing health check and
per-example deadlines are off everywhere.  What is tested stays the same.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("posture-coach", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("posture-coach")
