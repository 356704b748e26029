import django.dispatch

# Sent once an attempt graded as passed is committed, with sender=Quiz and the keyword
# arguments quiz, user and attempt. A learner may pass more than once: receivers must
# be idempotent (courses record completion once).
quiz_passed = django.dispatch.Signal()
