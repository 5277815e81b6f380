"""Measuring the NLU from outside: batch prediction and held-out evaluation."""
