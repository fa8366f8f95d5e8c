"""Submission integrity: what is kept about how a response arrived, to spot automated campaigns.

Only keyed hashes are stored (never an address or a browser string): the network a response came
from as an HMAC of its /24 (IPv4) or /48 (IPv6) prefix under the consultation's pseudonym key, so
networks can be compared within one consultation and not across them, and an HMAC of the user
agent. Erased with the other personal data at the end of retention.
"""
