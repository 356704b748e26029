import django.dispatch

# Sent once an amendment of a provision is committed, with sender=Provision and the
# keyword argument change (the ProvisionChange just recorded). Receivers must be
# idempotent: the reacting app's sweep may find the same change again.
provision_amended = django.dispatch.Signal()
