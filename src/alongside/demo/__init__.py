"""Demo data for `alongside demo`: a fixed cast of organisations, staff, clients and PA users, drawn from a
seed and written through the same services as the web and the tests."""
