"""Printable documents: the handout of a home program and the clinician's report."""
