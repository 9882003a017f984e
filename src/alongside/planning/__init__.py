"""Pure planning: caregivers, visits, hard rules, preferences, solver adapters and an independent evaluator.

Plain data in, plain data out; no Django. `alongside.dispatch` converts rows into a `domain.Problem`
and saves a `domain.Solution` only after `evaluator.evaluate` finds no hard violation.
"""
