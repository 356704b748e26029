"""How long a worker takes to write a 20,000-row XLSX export, and its peak memory.

Exports the dashboard's people for the root department that seed_bench creates, as
its officer, through the same service the Celery task calls (`write_export`), run in a
fresh child process as a worker would run it. The child's peak resident memory
(getrusage maxrss, the interpreter and Django included) is reported; tracemalloc
is left out on purpose, as it slows openpyxl's many small allocations several-fold.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citylearn_bench \\
        python manage.py seed_bench --scale district
    DATABASE_URL=... python bench/hr_export.py [--format xlsx|csv]

Targets: under 20 s and under 300 MB on PostgreSQL at 20,000 staff. Each run adds its
audit entries (one per person exported) to the bench database.
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.figures import record  # noqa: E402
from citylearn.exports.enums import ExportSource, ExportStatus  # noqa: E402
from citylearn.exports.models import Export  # noqa: E402
from citylearn.exports.services import write_export  # noqa: E402
from citylearn.exports.sources import select  # noqa: E402
from citylearn.exports.storage import export_storage  # noqa: E402
from citylearn.reports.seeding import OFFICER, ROOT_CODE  # noqa: E402

TARGET_SECONDS = 20
TARGET_MB = 300


def report(line: str) -> None:
    sys.stdout.write(line + "\n")


def child(export_id: int) -> None:
    """The worker's part: write the export, then say how it went on stdout."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        write_export(export_id=export_id)
    seconds = time.perf_counter() - start
    sys.stdout.write(
        json.dumps(
            {
                "seconds": seconds,
                "queries": len(queries),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    officer = get_user_model().objects.filter(username=OFFICER).first()
    if officer is None:
        sys.exit("No bench data: run manage.py seed_bench --scale district first.")
    params = QueryDict(f"department={ROOT_CODE}")
    selection = select(
        ExportSource.DASHBOARD, user=officer, params=params, today=timezone.localdate()
    )
    export = Export.objects.create(
        requester=officer,
        source=ExportSource.DASHBOARD,
        format=args.format,
        query=params.urlencode(),
        paths=selection.paths,
        rows_total=selection.people.count(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    report(
        f"database: {connection.vendor}; exporting {export.rows_total} people of "
        f"{ROOT_CODE} as {args.format.upper()} in a child process"
    )
    start = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, __file__, "--child", str(export.pk)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Linux gives maxrss in kilobytes.
    peak_mb = usage.ru_maxrss / 1024
    export.refresh_from_db()
    size_mb = export_storage().size(export.file_name) / 2**20
    ok = export.status == ExportStatus.READY
    report(
        f"rows written: {export.rows_done}; file: {size_mb:.1f} MB; "
        f"queries: {figures['queries']}"
    )
    report(
        f"export: {figures['seconds']:.1f} s (child process with start-up: {wall:.1f} s)"
        f", {usage.ru_utime + usage.ru_stime:.1f} s of CPU"
        f"  target < {TARGET_SECONDS} s: "
        f"{'met' if ok and figures['seconds'] < TARGET_SECONDS else 'MISSED'}"
    )
    report(
        f"peak memory of the child: {peak_mb:.0f} MB resident"
        f"  target < {TARGET_MB} MB: {'met' if peak_mb < TARGET_MB else 'MISSED'}"
    )
    setting = {
        "database": connection.vendor,
        "workers": "1 task process",
        "concurrency": 1,
        "data": f"{export.rows_done:,} rows",
    }
    record(
        "hr_export",
        f"{args.format.upper()} export of {ROOT_CODE}",
        figures["seconds"] if ok else float("inf"),
        "s",
        target=TARGET_SECONDS,
        **setting,
    )
    record(
        "hr_export",
        "peak memory of the worker",
        peak_mb,
        "MB",
        target=TARGET_MB,
        **setting,
    )
    export_storage().delete(export.file_name)
    export.delete()


if __name__ == "__main__":
    main()
