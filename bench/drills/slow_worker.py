"""The Celery app of the worker drill: the project's own, with slow work to kill it in.

A certificate's render waits a few seconds first, an export waits between its rows,
and each reminder email takes a second and is written to SENT_LOG as it "leaves",
so that the drill can kill the worker in the middle of each; and unacknowledged tasks
come back after seconds rather than hours, so that a drill killing the whole worker
need not wait for the real visibility timeout (2 hours in settings).
"""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from citylearn.celery import app

__all__ = ["app"]

RENDER_SECONDS = 4
EXPORT_ROW_SECONDS = 0.5
SEND_SECONDS = 1
SENT_LOG = Path(os.environ.get("DRILL_SENT_LOG", "var/drill-sent.log"))
VISIBILITY_SECONDS = 10
app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": VISIBILITY_SECONDS,
}


@worker_process_init.connect
def slow_down_work(**kwargs):
    # Here, not at import: the models load only once the worker has set up Django.
    from citylearn.certificates import services

    render = services.render_certificate_pdf

    def slow_render(certificate):
        time.sleep(RENDER_SECONDS)
        return render(certificate)

    services.render_certificate_pdf = slow_render

    from citylearn.exports import services as exports

    write_rows = exports.rows

    def slow_rows(*args, **kwargs):
        for row in write_rows(*args, **kwargs):
            time.sleep(EXPORT_ROW_SECONDS)
            yield row

    exports.rows = slow_rows

    from citylearn.reminders.channels import EmailChannel

    def logged_send(self, messages):
        with SENT_LOG.open("a", encoding="utf-8") as log:
            for message in messages:
                time.sleep(SEND_SECONDS)
                log.write(message.email + "\n")
                log.flush()
        return {}

    EmailChannel.send = logged_send
