import django.dispatch

# Sent after the commit that first records a course as completed, with
# sender=CourseCompletion and the keyword argument completion. Receivers must be
# safe to run twice: the certificates app's sweep may repeat what they did.
course_completed = django.dispatch.Signal()
