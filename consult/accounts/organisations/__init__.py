"""Organisations: registration, their details and members, and verification by the platform
administrator. Models are in `consult.accounts.models`; the gate is `consult.accounts.access`."""
