"""The Celery app of the worker drill: the project's own, with a slow certificate render.

Rendering waits a few seconds first, so that the drill can kill the worker in the
middle of it; and unacknowledged tasks come back after seconds rather than hours,
so that a drill killing the whole worker need not wait for the real visibility
timeout (2 hours in settings).
"""

import time

from celery.signals import worker_process_init

from citylearn.celery import app

__all__ = ["app"]

RENDER_SECONDS = 4
VISIBILITY_SECONDS = 10
app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": VISIBILITY_SECONDS,
}


@worker_process_init.connect
def slow_down_rendering(**kwargs):
    # Here, not at import: the models load only once the worker has set up Django.
    from citylearn.certificates import services

    render = services.render_certificate_pdf

    def slow_render(certificate):
        time.sleep(RENDER_SECONDS)
        return render(certificate)

    services.render_certificate_pdf = slow_render
