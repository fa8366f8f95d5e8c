"""The embedded broker of local runs (`make run`): kombu's filesystem transport, with each
message written whole before it can be seen.

kombu writes a message file in place (create, then write) and its consumer reads files without
the writer's lock, so a worker polling at the wrong moment reads an empty file; the JSON error
that follows stops the worker ("Unrecoverable error: JSONDecodeError"), and the message is lost.
Here a message is written under a name the consumer ignores (`….msg.part`) and renamed into place,
which is atomic within the folder. Production uses Redis or RabbitMQ (`CELERY_BROKER_URL`).
"""

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # kombu's filesystem signature, which kombu's own base class types differently.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        """Put `payload` onto `queue`: written aside, then renamed into the queue's folder."""
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = f"{final}.part"
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
