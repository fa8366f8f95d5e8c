"""Privacy: the audit log of who saw personal data, retention with pseudonymisation, and
respondents' rights (disclosure and erasure) through their private link."""
