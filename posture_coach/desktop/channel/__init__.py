"""The command channel between ``posture-coach <command>`` and the running copy.

:mod:`.client` sends one request (pure Python on POSIX; :mod:`.pipe_client` on Windows);
:mod:`.server` is the running copy's side (Qt; single-instance lock, one request per
connection); :mod:`.unix_socket` is its POSIX socket.  The wire format (requests, replies,
addresses) is the core's: :mod:`posture_coach.core.commands`.  Nothing is imported here,
so the client does not bring Qt along.
"""
