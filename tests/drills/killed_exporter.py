"""An export writer that is SIGKILLed in the middle of its file; run by test_worker_killed.

python -m tests.drills.killed_exporter EXPORT_ID ROWS_BEFORE_THE_KILL
"""

import os
import signal
import sys

import django


def main() -> None:
    django.setup()
    from citylearn.exports import services

    export_id, rows_before_kill = int(sys.argv[1]), int(sys.argv[2])
    write_rows = services.rows

    def rows_then_die(*args, **kwargs):
        for number, row in enumerate(write_rows(*args, **kwargs)):
            if number == rows_before_kill:
                os.kill(os.getpid(), signal.SIGKILL)
            yield row

    services.rows = rows_then_die
    services.write_export(export_id=export_id)


if __name__ == "__main__":
    main()
