"""A sender that is SIGKILLed after two messages of its batch; run by test_worker_crash.

    python -m tests.reminders.killed_sender LOG_FILE

Each message that "leaves" is written to LOG_FILE before the process kills itself.
"""

import os
import signal
import sys

import django


def main() -> None:
    django.setup()
    from citylearn.reminders import channels
    from citylearn.reminders.delivery import deliver_pending

    log = open(sys.argv[1], "a", encoding="utf-8")  # noqa: SIM115 - lives until the kill

    def send(self, messages):
        for number, message in enumerate(messages):
            if number == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            log.write(message.email + "\n")
            log.flush()
        return {}

    channels.EmailChannel.send = send
    deliver_pending()


if __name__ == "__main__":
    main()
