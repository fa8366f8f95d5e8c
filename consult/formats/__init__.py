"""Date and time formats of the two languages, where Django's own read badly in our sentences.

English: Django's "Jan. 7, 2027, 10:41 a.m." ends in a full stop, so every sentence that closes
with a date ended in "a.m..", and "midnight" or "noon" stood in for times. A consultation's
deadline reads as "7 January 2027, 10:41" instead: the day first, the month in full, a 24-hour
clock, as Japanese notices give the time. Japanese keeps Django's format with a space before the
time.
"""
