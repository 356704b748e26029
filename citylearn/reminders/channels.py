"""Where reminders go: email to the person, or a group robot of the office.

A channel takes a batch of messages and answers with the error of each one that
failed; a message not in the answer was accepted. Channels are enabled by settings:
email always (for people with an address), the webhook when REMINDER_WEBHOOK_URL is
set.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core import mail

# A robot that does not answer within this must not hold up the other reminders.
WEBHOOK_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class Message:
    delivery_id: int
    subject: str
    body: str
    email: str


class EmailChannel:
    name = "email"

    def send(self, messages: list[Message]) -> dict[int, str]:
        errors = {}
        # One connection for the batch: an SMTP login per message would dominate.
        with mail.get_connection() as connection:
            for message in messages:
                try:
                    mail.EmailMessage(
                        message.subject,
                        message.body,
                        settings.DEFAULT_FROM_EMAIL,
                        [message.email],
                        connection=connection,
                    ).send()
                except Exception as error:  # noqa: BLE001 - any failure is retried
                    errors[message.delivery_id] = repr(error)
        return errors


class WebhookChannel:
    """A WeCom (企业微信) or DingTalk (钉钉) group robot: a text message per reminder."""

    name = "webhook"

    def __init__(self, url: str, kind: str, secret: str = ""):
        self.url = url
        self.kind = kind
        self.secret = secret

    def signed_url(self, timestamp_ms: int) -> str:
        """DingTalk's signature of a robot with a secret; WeCom robots have none."""
        if self.kind != "dingtalk" or not self.secret:
            return self.url
        to_sign = f"{timestamp_ms}\n{self.secret}".encode()
        digest = hmac.new(self.secret.encode(), to_sign, hashlib.sha256).digest()
        sign = urllib.parse.quote_plus(base64.b64encode(digest))
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}timestamp={timestamp_ms}&sign={sign}"

    def send(self, messages: list[Message]) -> dict[int, str]:
        errors = {}
        for message in messages:
            try:
                self._post(f"{message.subject}\n{message.body}")
            except (OSError, ValueError) as error:
                errors[message.delivery_id] = repr(error)
        return errors

    def _post(self, content: str) -> None:
        payload = {"msgtype": "text", "text": {"content": content}}
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.signed_url(int(time.time() * 1000)),
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(  # noqa: S310 - the URL is the operator's setting
            request, timeout=WEBHOOK_TIMEOUT_SECONDS
        ) as response:
            answer = json.loads(response.read() or b"{}")
        # Both robots answer HTTP 200 with errcode 0, or another errcode on refusal.
        if answer.get("errcode", 0) != 0:
            raise ValueError(f"errcode {answer.get('errcode')}: {answer.get('errmsg')}")


def enabled_channels() -> list:
    channels = [EmailChannel()]
    if settings.REMINDER_WEBHOOK_URL:
        channels.append(
            WebhookChannel(
                settings.REMINDER_WEBHOOK_URL,
                settings.REMINDER_WEBHOOK_KIND,
                settings.REMINDER_WEBHOOK_SECRET,
            )
        )
    return channels


def channel_named(name: str):
    return {channel.name: channel for channel in enabled_channels()}.get(name)
