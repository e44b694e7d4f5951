"""Read and extract a PDF in a child process with limits on its processor time and memory.

A crafted PDF can make pdfminer loop, or take gigabytes and minutes (decompression bombs,
hundreds of thousands of drawing operators, page trees of millions of leaves): parsing it in an
Odoo worker would hold the worker. :func:`read_isolated` runs :func:`.pdf.read_pdf` and
:func:`.extraction.extract` in a fresh child process that lowers its own ``RLIMIT_CPU`` and
``RLIMIT_AS``, waits for it at most a wall-clock time, kills it past that, and returns plain
data rebuilt here as :class:`.pdf.PdfContent` and :class:`.extraction.Extraction`, or raises the
:class:`.pdf.PdfError` the child met (:class:`.pdf.TooDemandingError` past a limit).

The child is started by multiprocessing's "forkserver" context (a clean server process started
with ``exec``, never a ``fork`` of the worker with its threads and database connections; its
children are forked from that server). The child does not import Odoo: its target is the
standard ``runpy.run_path`` on :mod:`._child`, which loads this ``lib`` folder as a standalone
package, and it is not asked to import the parent's main module (multiprocessing would run Odoo's
launcher script in every child otherwise: see :class:`_Popen`).
"""

import copyreg
import io
import logging
import multiprocessing
import os
import resource
import runpy
import signal
import time
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass
from multiprocessing import context as mp_context
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from pathlib import Path

from . import extraction, pdf

CHILD_SCRIPT = Path(__file__).resolve().parent / "_child.py"
# Third-party libraries the fork server imports once, so that each child starts with them.
PRELOAD = [
    "pdfminer.converter",
    "pdfminer.pdfdocument",
    "pdfminer.pdffont",
    "pdfminer.pdfinterp",
    "pdfplumber",
    "rapidfuzz.fuzz",
    "rapidfuzz.process",
]
# Wall-clock time granted on top of the processor time (start, a busy machine, the answer).
WALL_MARGIN_S = 10.0
ERRORS = {
    cls.__name__: cls
    for cls in (
        pdf.NotPdfError,
        pdf.EncryptedPdfError,
        pdf.CorruptPdfError,
        pdf.NoTextLayerError,
        pdf.TooLargeError,
        pdf.TooManyPagesError,
        pdf.TooDemandingError,
    )
}


@dataclass(frozen=True)
class Limits:
    """What one PDF may cost: its size, its pages, the child's processor time and memory.

    The defaults are the suite's (Settings start from them)."""

    max_size_mb: float = 10.0
    max_pages: int = 20
    cpu_seconds: int = 20
    memory_mb: int = 512

    @property
    def wall_seconds(self) -> float:
        """How long the parent waits for the child before killing it."""
        return 2 * self.cpu_seconds + WALL_MARGIN_S


@dataclass
class Result:
    """What the child read: the pages, and the extraction (None when none was asked)."""

    content: pdf.PdfContent
    extraction: extraction.Extraction | None
    seconds: float


class _Popen(popen_forkserver.Popen):
    """multiprocessing's forkserver launcher, except that the child does not import the
    parent's ``__main__``.

    multiprocessing hands the child the parent's main module to import before it runs the
    target; for Odoo started by its launcher script that is ``import odoo`` in every child
    (seconds, and the ORM in a process meant to hold only the PDF libraries). This is
    ``popen_forkserver.Popen._launch`` of Python 3.11 with those two entries left out.
    """

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_name", None)
        prep_data.pop("init_main_from_path", None)
        buf = io.BytesIO()
        mp_context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            mp_context.set_spawning_popen(None)
        self.sentinel, writer = forkserver.connect_to_new_process(self._fds)
        parent_writer = os.dup(writer)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_writer, self.sentinel))
        with open(writer, "wb", closefd=True) as stream:
            stream.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ChildProcess(mp_context.ForkServerProcess):
    """A forkserver process started through :class:`_Popen`."""

    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)

    def __reduce__(self):
        # The child, which cannot import this module, rebuilds it as a plain ForkServerProcess.
        return copyreg._reconstructor, (mp_context.ForkServerProcess, object, None), self.__dict__


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def read_isolated(
    data: bytes,
    limits: Limits = Limits(),  # a frozen dataclass: immutable
    vocabularies: Mapping[str, Mapping[Hashable, Iterable[str]]] | None = None,
) -> Result:
    """Read ``data`` (and extract from it when ``vocabularies`` is given) in a child process.

    :param data: the file's bytes.
    :param limits: size, pages, processor seconds and memory (MB) the child may use.
    :param vocabularies: ``{"skills": ..., "bodies": ..., "occupations": ...}`` as
        :func:`.extraction.extract` takes them; None to read only.
    :return: a :class:`Result`.
    :raises pdf.PdfError: the subclass naming the problem; :class:`.pdf.TooDemandingError`
        when the child ran out of processor time or memory, or did not answer in time.
    """
    # Cheap refusals first, without a child: empty, too large, not starting like a PDF.
    pdf.check_bytes(data, limits.max_size_mb)
    job = {
        "data": data,
        "max_size_mb": limits.max_size_mb,
        "max_pages": limits.max_pages,
        "cpu_seconds": limits.cpu_seconds,
        "memory_mb": limits.memory_mb,
        "vocabularies": (
            {key: {k: list(v) for k, v in value.items()} for key, value in vocabularies.items()}
            if vocabularies is not None
            else None
        ),
    }
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = _ChildProcess(
        target=runpy.run_path,
        args=(str(CHILD_SCRIPT),),
        kwargs={"init_globals": {"JOB": job, "CHANNEL": sender}, "run_name": "__mrc_pdf_child__"},
        name="mrc-pdf-reader",
        daemon=True,
    )
    start = time.monotonic()
    child.start()
    sender.close()
    answer = None
    try:
        if receiver.poll(limits.wall_seconds):
            answer = receiver.recv()
    except (EOFError, OSError):
        answer = None  # the child died without answering: killed by a limit, or crashed
    finally:
        receiver.close()
        child.join(1)
        if child.is_alive():
            child.kill()
            child.join()
    seconds = time.monotonic() - start
    if answer is None:
        raise _limit_error(child.exitcode, limits)
    if answer.get("error"):
        raise _rebuild_error(answer, limits)
    return Result(
        content=pdf.PdfContent(pages=[pdf.PdfPage(**page) for page in answer["pages"]]),
        extraction=_rebuild_extraction(answer["extraction"]),
        seconds=seconds,
    )


def _limit_error(exitcode: int | None, limits: Limits) -> pdf.PdfError:
    """The refusal for a child that gave no answer: out of time (killed by SIGXCPU past its
    processor time, or by us past the wall-clock time), else out of memory."""
    if exitcode is None or exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return pdf.TooDemandingError(resource="time", limit=limits.cpu_seconds)
    return pdf.TooDemandingError(resource="memory", limit=limits.memory_mb)


def _rebuild_error(answer: dict, limits: Limits) -> pdf.PdfError:
    cls = ERRORS.get(answer["error"], pdf.CorruptPdfError)
    fields = answer.get("fields") or {}
    if cls is pdf.TooDemandingError:
        resource_name = fields.get("resource", "memory")
        limit = limits.memory_mb if resource_name == "memory" else limits.cpu_seconds
        return pdf.TooDemandingError(resource=resource_name, limit=limit)
    try:
        return cls(**fields)
    except TypeError:
        return pdf.CorruptPdfError()


def _rebuild_extraction(data: dict | None) -> extraction.Extraction | None:
    if data is None:
        return None

    def key_match(value):
        return extraction.KeyMatch(**value) if value else None

    return extraction.Extraction(
        **{
            **data,
            "skills": [extraction.SkillMatch(**skill) for skill in data["skills"]],
            "occupation": key_match(data["occupation"]),
            "issuer": key_match(data["issuer"]),
        }
    )


def _set_limits(cpu_seconds: int, memory_mb: int) -> None:
    """Lower this process's processor time and address space (never above the hard limits)."""
    for which, soft in (
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_CPU, int(cpu_seconds)),
        (resource.RLIMIT_AS, int(memory_mb) * 1024 * 1024),
    ):
        _old_soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(which, (soft, hard))


def child_main(job: dict, channel) -> None:
    """The child's work: limit itself, read, extract, and send plain data back on ``channel``.

    Every answer is a dict: ``{"pages": [...], "extraction": {...} | None}`` or
    ``{"error": class name, "fields": {...}}``.
    """
    _set_limits(job["cpu_seconds"], job["memory_mb"])
    # pdfminer warns about every oddity of a broken file; the answer says what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        content = pdf.read_pdf(job["data"], job["max_size_mb"], job["max_pages"])
        found = None
        if job["vocabularies"] is not None:
            found = extraction.extract(
                [page.text for page in content.pages],
                [table for page in content.pages for table in page.tables],
                **job["vocabularies"],
            )
        answer = {
            "pages": [asdict(page) for page in content.pages],
            "extraction": asdict(found) if found is not None else None,
        }
    except pdf.PdfError as error:
        fields = asdict(error) if hasattr(error, "__dataclass_fields__") else {}
        answer = {"error": type(error).__name__, "fields": fields}
    except MemoryError:
        answer = {"error": "TooDemandingError", "fields": {"resource": "memory"}}
    except Exception:  # the extraction met a value it cannot handle
        answer = {"error": "CorruptPdfError", "fields": {}}
    try:
        channel.send(answer)
    except MemoryError:
        channel.send({"error": "TooDemandingError", "fields": {"resource": "memory"}})
    finally:
        channel.close()
